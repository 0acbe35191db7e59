package dev.postino.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.postino.core.smtp.EnhancedStatus;
import dev.postino.core.smtp.SmtpReply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DeliveryOutcomeTest {
    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({"4.4.1, TEMPORARY", "5.1.1, PERMANENT"})
    void aFailureTakesItsKindFromTheStatusClass(String status, DeliveryOutcome.Kind kind) {
        assertThat(DeliveryOutcome.failure(EnhancedStatus.parse(status), SmtpPhase.RCPT, "x").kind()).isEqualTo(kind);
    }

    @Test
    void kindAndStatusClassAlwaysAgree() {
        assertThatThrownBy(() -> DeliveryOutcome.delivered(EnhancedStatus.parse("4.0.0"), SmtpPhase.RCPT, "x"))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DeliveryOutcome.failure(EnhancedStatus.parse("2.0.0"), SmtpPhase.RCPT, "x"))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void carriesTheRemoteAndItsWordsAndPrintsOneLogLine() {
        SmtpReply reply = SmtpReply.parse("550 5.1.1 no such user");
        DeliveryOutcome outcome = DeliveryOutcome.failure(EnhancedStatus.parse("5.1.1"), SmtpPhase.RCPT,
            "550 5.1.1 no such user (in reply to RCPT TO)").withReply(reply).withRemote("mx.b.test", "192.0.2.1");

        assertThat(outcome.reply()).contains(reply);
        assertThat(outcome.remoteHost()).contains("mx.b.test");
        assertThat(outcome.remoteIp()).contains("192.0.2.1");
        assertThat(outcome.isPermanent()).isTrue();
        assertThat(outcome).hasToString(
            "permanent 5.1.1 at RCPT mx=mx.b.test[192.0.2.1]: 550 5.1.1 no such user (in reply to RCPT TO)");
        assertThat(outcome.withRemoteHost("mx.b.test").remoteIp()).isEmpty();
        assertThat(outcome).isEqualTo(DeliveryOutcome.failure(EnhancedStatus.parse("5.1.1"), SmtpPhase.RCPT,
            "550 5.1.1 no such user (in reply to RCPT TO)").withReply(reply).withRemote("mx.b.test", "192.0.2.1"))
            .isNotEqualTo(outcome.withRemote("mx2.b.test", "192.0.2.1"));
    }

    @Test
    void sessionSetupEndsAtAuth() {
        assertThat(SmtpPhase.AUTH.isSessionSetup()).isTrue();
        assertThat(SmtpPhase.MAIL.isSessionSetup()).isFalse();
    }
}
