package dev.postino.core.size;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.postino.core.smtp.SmtpReply;

class SizePolicyTest {
    private static final SizePolicy POLICY = new SizePolicy(SizeLimitStore.of(SizeLimits.builder()
        .global(1000)
        .submissionDomain("a.test", 500)
        .submissionUser("ceo@a.test", 5000)
        .inboundDomain("b.test", 200)
        .build()));

    @ParameterizedTest(name = "MAIL from {0} SIZE={1} → {2}")
    @CsvSource(delimiter = '|', value = {
        "-            | 1000 | 250",   // exactly at the global limit: accepted
        "-            | 1001 | 552",
        "alice@a.test | 500  | 250",   // exactly at the domain limit
        "alice@a.test | 501  | 552",
        "ceo@a.test   | 5000 | 250",
        "ceo@a.test   | 5001 | 552",
    })
    void atMailTheDeclaredSizeMeetsTheSendersCeiling(String sender, long declared, int code) {
        Optional<SmtpReply> reply = POLICY.atMail(declared, SizeLimitsTest.submitter(sender));
        assertThat(reply.map(SmtpReply::code).orElse(250)).isEqualTo(code);
        reply.ifPresent(r -> assertThat(r).hasToString("552 5.3.4 Message size exceeds fixed maximum message size"));
    }

    @ParameterizedTest(name = "RCPT {1} from {0} SIZE={2} → {3}")
    @CsvSource(delimiter = '|', value = {
        "-          | bob@b.test  | 200  | 250",
        "-          | bob@b.test  | 201  | 552",
        "-          | bob@c.test  | 1000 | 250",
        "ceo@a.test | bob@c.test  | 5000 | 250",
        "ceo@a.test | bob@b.test  | 201  | 552",
    })
    void atRcptEachRecipientHasItsOwnLimit(String sender, String recipient, long declared, int code) {
        Optional<SmtpReply> reply = POLICY.atRcpt(declared, SizeLimitsTest.submitter(sender), recipient);
        assertThat(reply.map(SmtpReply::code).orElse(250)).isEqualTo(code);
        reply.ifPresent(r -> assertThat(r).hasToString("552 5.3.4 Message too big for this recipient"));
    }

    @ParameterizedTest(name = "end of DATA from {0}, {1} bytes to {2} → {3}")
    @CsvSource(delimiter = '|', value = {
        "-          | 150  | bob@b.test carol@c.test | 250",  // fits everyone
        "-          | 300  | bob@b.test carol@c.test | 552",  // outsider, too big for one: refuse, never bounce
        "-          | 1001 | carol@c.test            | 552",
        "ceo@a.test | 300  | bob@b.test carol@c.test | 250",  // ours, fits one: accept, DSN for bob later
        "ceo@a.test | 300  | bob@b.test dan@b.test   | 552",  // ours, fits nobody: refuse now
        "ceo@a.test | 5000 | carol@c.test            | 250",
    })
    void atTheEndOfDataTheWholeMessageIsAnsweredOnce(String sender, long size, String recipients, int code) {
        Optional<SmtpReply> reply = POLICY.atEndOfData(size, SizeLimitsTest.submitter(sender),
            Arrays.asList(recipients.split(" ")));
        assertThat(reply.map(SmtpReply::code).orElse(250)).isEqualTo(code);
    }

    @Test
    void oversizedNamesTheRecipientsOverTheirLimit() {
        assertThat(POLICY.oversized(300, Optional.of("ceo@a.test"), List.of("bob@b.test", "carol@c.test", "dan@b.test")))
            .containsExactly("bob@b.test", "dan@b.test");
        assertThat(POLICY.oversized(200, Optional.empty(), List.of("bob@b.test"))).isEmpty();
    }

    @Test
    void onlyAuthenticatedSendersGetABounce() {
        assertThat(POLICY.afterAcceptance(Optional.of("ceo@a.test"))).isEqualTo(SizePolicy.AfterAcceptance.BOUNCE);
        assertThat(POLICY.afterAcceptance(Optional.empty())).isEqualTo(SizePolicy.AfterAcceptance.KEEP);
    }

    @Test
    void theExplanationNamesBothSizesInHumanUnits() {
        SizePolicy policy = new SizePolicy(SizeLimitStore.of(SizeLimits.builder().inboundDomain("b.test", 1_000_000).build()));
        assertThat(policy.explain(2_097_152, Optional.of("ceo@a.test"), "bob@b.test"))
            .isEqualTo("message size 2.1 MB exceeds the limit of 1 MB for mail to bob@b.test");
    }

    @Test
    void limitsAreReadAtEachDecision() {
        SizeLimits[] current = {SizeLimits.none()};
        SizePolicy policy = new SizePolicy(() -> current[0]);
        assertThat(policy.atMail(10_000, Optional.empty())).isEmpty();
        current[0] = SizeLimits.builder().global(1000).build();
        assertThat(policy.atMail(10_000, Optional.empty())).isPresent();
    }
}
