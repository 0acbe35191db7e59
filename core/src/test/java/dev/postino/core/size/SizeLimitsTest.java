package dev.postino.core.size;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SizeLimitsTest {
    private static final long M = 1024 * 1024;
    private static final SizeLimits LIMITS = SizeLimits.builder()
        .global(25 * M)
        .submissionDomain("a.test", 10 * M)
        .submissionUser("ceo@a.test", 50 * M)
        .submissionUser("intern@a.test", 2 * M)
        .inboundDomain("b.test", 5 * M)
        .inboundUser("archive@b.test", 100 * M)
        .inboundUser("tiny@c.test", 1 * M)
        .build();

    @ParameterizedTest(name = "{0} → {1}: {2} MiB")
    @CsvSource(delimiter = '|', value = {
        // sender (- = unauthenticated) | recipient      | limit in MiB
        "-              | bob@c.test      | 25",   // global
        "-              | bob@b.test      | 5",    // inbound domain
        "-              | archive@b.test  | 100",  // inbound user over its domain, above the global
        "-              | tiny@c.test     | 1",    // inbound user, domain without a limit
        "alice@a.test   | bob@c.test      | 10",   // submission domain
        "ceo@a.test     | bob@c.test      | 50",   // submission user over its domain, above the global
        "intern@a.test  | bob@c.test      | 2",    // submission user below its domain
        "ceo@a.test     | bob@b.test      | 5",    // both sides limited: the smaller
        "ceo@a.test     | archive@b.test  | 50",
        "alice@a.test   | archive@b.test  | 10",
        "zed@z.test     | bob@c.test      | 25",   // authenticated, nothing specific: global
        "zed@z.test     | bob@b.test      | 5",
        "CEO@A.TEST     | Bob@B.Test      | 5",    // case does not matter
    })
    void userOverDomainOverGlobal(String sender, String recipient, long mebibytes) {
        assertThat(LIMITS.limitFor(submitter(sender), recipient)).isEqualTo(mebibytes * M);
    }

    @ParameterizedTest(name = "ceiling for {0}: {1} MiB")
    @CsvSource(delimiter = '|', value = {
        "-             | 100",  // some recipient (archive@b.test) takes 100 MiB from anyone
        "alice@a.test  | 10",
        "ceo@a.test    | 50",
        "zed@z.test    | 100",
    })
    void theCeilingIsWhatTheMostGenerousRecipientWouldTake(String sender, long mebibytes) {
        assertThat(LIMITS.ceilingFor(submitter(sender))).isEqualTo(mebibytes * M);
    }

    @ParameterizedTest(name = "nothing configured: {0} → {1}")
    @CsvSource(delimiter = '|', value = {"- | bob@b.test", "alice@a.test | bob@b.test"})
    void withoutLimitsEverythingFits(String sender, String recipient) {
        SizeLimits none = SizeLimits.none();
        assertThat(none.limitFor(submitter(sender), recipient)).isEqualTo(SizeLimits.UNLIMITED);
        assertThat(none.ceilingFor(submitter(sender))).isEqualTo(SizeLimits.UNLIMITED);
        assertThat(none.isUnlimited()).isTrue();
    }

    static Optional<String> submitter(String sender) {
        return sender.equals("-") ? Optional.empty() : Optional.of(sender);
    }

    @org.junit.jupiter.api.Test
    void aCopyCanOverrideOneKeyAndKeepsTheRest() {
        SizeLimits edited = LIMITS.toBuilder().submissionDomain("A.test", 1 * M).inboundUser("new@d.test", 3 * M).build();

        assertThat(edited.limitFor(Optional.of("alice@a.test"), "bob@c.test")).isEqualTo(1 * M);
        assertThat(edited.limitFor(Optional.of("ceo@a.test"), "bob@c.test")).isEqualTo(50 * M);
        assertThat(edited.inboundLimit("new@d.test")).hasValue(3 * M);
        assertThat(edited.global()).isEqualTo(25 * M);
        assertThat(edited.submissionDomains()).containsEntry("a.test", 1 * M);
        assertThat(edited.inboundUsers()).containsKeys("archive@b.test", "tiny@c.test", "new@d.test");
        assertThat(LIMITS.submissionDomains()).as("the original is unchanged").containsEntry("a.test", 10 * M);
    }
}
