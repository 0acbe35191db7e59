package dev.postino.core.deliverability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OutgoingHeaderPolicyTest {
    private static final Instant NOW = Instant.parse("2026-11-27T09:05:03Z");
    private static final String RECEIVED = "from laptop.home (EHLO laptop) ([192.0.2.44])\r\n"
        + "          by mx.a.test (JAMES SMTP Server ) with ESMTPSA ID 1a2b3c\r\n"
        + "          for <bob@b.test>;\r\n          Fri, 27 Nov 2026 09:05:02 +0000 (UTC)";
    private final OutgoingHeaderPolicy policy = new OutgoingHeaderPolicy("MX.a.test", true);

    @Test
    void addsMessageIdAndDateWhenTheClientLeftThemOut() {
        HeaderCleanup plan = policy.submission(List.of("From", "To", "Subject"), NOW, "abc-1");

        assertThat(plan.messageIdToAdd()).contains("<" + Long.toString(NOW.toEpochMilli(), 36) + ".abc-1@mx.a.test>");
        assertThat(plan.dateToAdd()).contains("Fri, 27 Nov 2026 09:05:03 +0000");
    }

    @Test
    void keepsTheClientsMessageIdAndDate() {
        HeaderCleanup plan = policy.outgoing(List.of("From", "message-id", "DATE"), Optional.empty(), true, NOW, "x");

        assertThat(plan.changesNothing()).isTrue();
    }

    @Test
    void removesBccAndOurInternalHeadersOnce() {
        HeaderCleanup plan = policy.outgoing(List.of("Date", "Message-ID", "Bcc", "X-Spam-Status", "X-Spam-Score",
            "X-Postino-Trace", "X-Mailer", "bcc"), Optional.empty(), false, NOW, "x");

        assertThat(plan.removals()).containsExactly("Bcc", "X-Spam-Status", "X-Spam-Score", "X-Postino-Trace");
    }

    @Test
    void droppingOnlyOurTagsIsRoutineAnythingElseIsNot() {
        assertThat(policy.outgoing(List.of("Date", "Message-ID", "X-Spam-Status", "X-Postino-Trace"), Optional.empty(),
            false, NOW, "x").onlyDropsOurTags()).isTrue();
        assertThat(policy.outgoing(List.of("Date", "Message-ID", "X-Spam-Status", "BCC"), Optional.empty(), false, NOW, "x")
            .onlyDropsOurTags()).isFalse();
        assertThat(policy.outgoing(List.of("Date", "X-Spam-Status"), Optional.empty(), false, NOW, "x")
            .onlyDropsOurTags()).isFalse(); // a Message-ID added
        assertThat(policy.outgoing(List.of("Date", "Message-ID", "Received"), Optional.of(RECEIVED), true, NOW, "x")
            .onlyDropsOurTags()).isFalse(); // the submitter's address hidden
    }

    @Test
    void hidesTheSubmittersAddressFromOurReceivedHeader() {
        HeaderCleanup plan = policy.outgoing(List.of("Date", "Message-ID", "Received"), Optional.of(RECEIVED), true, NOW, "x");

        assertThat(plan.firstReceivedReplacement()).contains(
            "by mx.a.test (JAMES SMTP Server ) with ESMTPSA ID 1a2b3c for <bob@b.test>; Fri, 27 Nov 2026 09:05:02 +0000 (UTC)");
    }

    @Test
    void keepsReceivedWhenConfiguredOrNotAUsersSubmission() {
        assertThat(new OutgoingHeaderPolicy("mx.a.test", false)
            .outgoing(List.of("Date", "Message-ID"), Optional.of(RECEIVED), true, NOW, "x").firstReceivedReplacement()).isEmpty();
        assertThat(policy.outgoing(List.of("Date", "Message-ID"), Optional.of(RECEIVED), false, NOW, "x")
            .firstReceivedReplacement()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "by mx.a.test with ESMTP; date            | ",
        "from x (EHLO by.example) ([10.0.0.1]) id 1 | ",
        "from x ([10.0.0.1]) by y with SMTP; d     | by y with SMTP; d",
    })
    void fromClauseCut(String received, String expected) {
        assertThat(OutgoingHeaderPolicy.withoutFromClause(received)).isEqualTo(Optional.ofNullable(expected));
    }
}
