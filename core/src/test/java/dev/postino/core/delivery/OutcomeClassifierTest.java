package dev.postino.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.postino.core.smtp.EnhancedStatus;
import dev.postino.core.smtp.SmtpReply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One row per rule of {@link OutcomeClassifier}; the comment above each group names the rule. */
class OutcomeClassifierTest {
    private final OutcomeClassifier classifier = new OutcomeClassifier();

    @ParameterizedTest(name = "{0} ← {1} → {2} {3} next={4}")
    @CsvSource(delimiter = '|', value = {
        // expected class (RFC 5321 §4.2.1 first digit): accepted, reply's 2.x.x status or 2.0.0
        "GREETING    | 220 mx.b.test ESMTP                      | DELIVERED | 2.0.0  | false",
        "EHLO        | 250 mx.b.test                            | DELIVERED | 2.0.0  | false",
        "STARTTLS    | 220 2.0.0 ready to start TLS             | DELIVERED | 2.0.0  | false",
        "AUTH        | 334 VXNlcm5hbWU6                         | DELIVERED | 2.0.0  | false",
        "AUTH        | 235 2.7.0 authentication successful      | DELIVERED | 2.7.0  | false",
        "MAIL        | 250 2.1.0 sender ok                      | DELIVERED | 2.1.0  | false",
        "RCPT        | 251 2.1.5 user not local; will forward   | DELIVERED | 2.1.5  | false",
        "DATA        | 354 end data with <CR><LF>.<CR><LF>      | DELIVERED | 2.0.0  | false",
        "END_OF_DATA | 250 2.0.0 queued as 4F2A                 | DELIVERED | 2.0.0  | false",
        // a positive reply of the wrong class: protocol error, temporary 4.5.0
        "DATA        | 250 ok                                   | TEMPORARY | 4.5.0  | true",
        "RCPT        | 354 go ahead                             | TEMPORARY | 4.5.0  | true",
        "GREETING    | 354 what                                 | TEMPORARY | 4.5.0  | true",
        // 4yz temporary, 5yz permanent, the reply's enhanced status kept
        "RCPT        | 450 4.2.1 mailbox busy                   | TEMPORARY | 4.2.1  | true",
        "RCPT        | 451 4.7.1 greylisted, come back later    | TEMPORARY | 4.7.1  | true",
        "RCPT        | 550 5.1.1 <bob@b.test>: no such user     | PERMANENT | 5.1.1  | false",
        "END_OF_DATA | 554 5.7.1 spam                           | PERMANENT | 5.7.1  | false",
        "GREETING    | 554 5.7.1 your IP is listed              | PERMANENT | 5.7.1  | true",
        // an enhanced status of the wrong class is not believed (RFC 3463 §2): derived instead
        "RCPT        | 550 4.1.1 confused server                | PERMANENT | 5.0.0  | false",
        // no enhanced status: only RFC-fixed meanings are derived, the rest is X.0.0
        "RCPT        | 450 mailbox busy                         | TEMPORARY | 4.0.0  | true",
        "RCPT        | 550 no                                   | PERMANENT | 5.0.0  | false",
        "EHLO        | 502 command not implemented              | PERMANENT | 5.0.0  | true",
        "END_OF_DATA | 554 transaction failed                   | PERMANENT | 5.0.0  | false",
        "GREETING    | 421 too many connections                 | TEMPORARY | 4.3.2  | true",
        "RCPT        | 421 shutting down                        | TEMPORARY | 4.3.2  | true",
        "MAIL        | 451 local error in processing            | TEMPORARY | 4.3.0  | true",
        "RCPT        | 452 too many recipients                  | TEMPORARY | 4.5.3  | true",
        "MAIL        | 452 insufficient system storage          | TEMPORARY | 4.3.1  | true",
        "END_OF_DATA | 452 insufficient system storage          | TEMPORARY | 4.3.1  | true",
        "STARTTLS    | 454 TLS not available                    | TEMPORARY | 4.7.0  | true",
        "MAIL        | 530 authentication required              | PERMANENT | 5.7.0  | false",
        "MAIL        | 552 message size exceeds fixed limit     | PERMANENT | 5.3.4  | false",
        "DATA        | 552 message size exceeds fixed limit     | PERMANENT | 5.3.4  | false",
        "END_OF_DATA | 552 message size exceeds fixed limit     | PERMANENT | 5.3.4  | false",
        "END_OF_DATA | 552 5.2.2 mailbox full                   | PERMANENT | 5.2.2  | false",
        "EHLO        | 552 odd                                  | PERMANENT | 5.0.0  | true",
        "MAIL        | 553 sender address not allowed           | PERMANENT | 5.1.7  | false",
        "RCPT        | 553 mailbox name not allowed             | PERMANENT | 5.1.3  | false",
        "DATA        | 553 odd                                  | PERMANENT | 5.0.0  | false",
        "GREETING    | 554 no SMTP service here                 | PERMANENT | 5.3.2  | true",
        // 552 to RCPT is treated as 452 (RFC 5321 §4.5.3.1.10), its own status moved to class 4
        "RCPT        | 552 too many recipients                  | TEMPORARY | 4.5.3  | true",
        "RCPT        | 552 5.2.2 mailbox full                   | TEMPORARY | 4.2.2  | true",
        // any refusal at AUTH is our configuration's fault: temporary on purpose (RFC 4954 §6 codes)
        "AUTH        | 535 5.7.8 authentication credentials invalid | TEMPORARY | 4.7.8 | true",
        "AUTH        | 535 bad password                         | TEMPORARY | 4.7.8  | true",
        "AUTH        | 534 mechanism too weak                   | TEMPORARY | 4.7.9  | true",
        "AUTH        | 538 encryption required                  | TEMPORARY | 4.7.11 | true",
        "AUTH        | 504 unrecognized mechanism               | TEMPORARY | 4.7.0  | true",
        "AUTH        | 454 temporary authentication failure     | TEMPORARY | 4.7.0  | true",
        "AUTH        | 421 closing                              | TEMPORARY | 4.3.2  | true",
    })
    void classifiesReplies(SmtpPhase phase, String line, DeliveryOutcome.Kind kind, String status, boolean next) {
        SmtpReply reply = SmtpReply.parse(line);

        DeliveryOutcome outcome = classifier.classify(phase, reply);

        assertThat(outcome.kind()).isEqualTo(kind);
        assertThat(outcome.status()).hasToString(status);
        assertThat(outcome.phase()).isEqualTo(phase);
        assertThat(outcome.reply()).contains(reply);
        assertThat(outcome.text()).endsWith(reply + " (in reply to " + phase.label() + ")");
        assertThat(classifier.tryNextHost(phase, outcome)).isEqualTo(next);
        assertThat(classifier.tryNextHost(outcome)).isEqualTo(next);
    }

    @Test
    void anEnhancedStatusOfTheWrongClassIsIgnoredEvenWhenBuiltByHand() {
        SmtpReply reply = SmtpReply.of(550, EnhancedStatus.parse("4.1.1"), "confused");

        assertThat(classifier.classify(SmtpPhase.RCPT, reply).status()).hasToString("5.0.0");
    }

    @Test
    void thereIsNoReplyAtConnect() {
        assertThatThrownBy(() -> classifier.classify(SmtpPhase.CONNECT, SmtpReply.parse("220 hi")))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "{1} during {0} → {2}")
    @CsvSource(delimiter = '|', value = {
        "CONNECT     | CONNECTION_REFUSED           | 4.4.1 | connection refused during connect: Connection refused",
        "CONNECT     | TIMEOUT                      | 4.4.1 | timed out during connect: connect timed out",
        "GREETING    | TIMEOUT                      | 4.4.2 | timed out during greeting: Read timed out",
        "RCPT        | CONNECTION_LOST              | 4.4.2 | lost connection during RCPT TO: Connection reset",
        "END_OF_DATA | CONNECTION_LOST              | 4.4.2 | lost connection during end of data",
        "STARTTLS    | TLS_FAILED                   | 4.7.5 | TLS handshake failed during STARTTLS: certificate expired",
        "EHLO        | TLS_REQUIRED_BUT_NOT_OFFERED | 4.7.4 | TLS is required, but the server did not offer STARTTLS during EHLO",
        "MAIL        | PROTOCOL_ERROR               | 4.5.0 | malformed reply during MAIL FROM: '25O ok'",
        "DATA        | UNKNOWN                      | 4.0.0 | unexpected failure during DATA: NullPointerException",
    })
    void classifiesTransportFailures(SmtpPhase phase, TransportFailure failure, String status, String text) {
        String detail = text.contains(": ") ? text.substring(text.lastIndexOf(": ") + 2) : "";

        DeliveryOutcome outcome = classifier.classify(phase, failure, detail);

        assertThat(outcome.kind()).isEqualTo(DeliveryOutcome.Kind.TEMPORARY);
        assertThat(outcome.status()).hasToString(status);
        assertThat(outcome.text()).isEqualTo(text);
        assertThat(outcome.reply()).isEmpty();
        assertThat(classifier.tryNextHost(outcome)).isTrue();
    }

    @Test
    void everyTransportFailureAtEveryPhaseIsTemporaryAndTriesTheNextHost() {
        for (SmtpPhase phase : SmtpPhase.values()) {
            for (TransportFailure failure : TransportFailure.values()) {
                DeliveryOutcome outcome = classifier.classify(phase, failure, null);

                assertThat(outcome.isTemporary()).as("%s during %s", failure, phase).isTrue();
                assertThat(classifier.tryNextHost(phase, outcome)).as("%s during %s", failure, phase).isTrue();
            }
        }
    }

    @ParameterizedTest(name = "{0} {1} → next={2}")
    @CsvSource({
        "CONNECT, 4.4.1, true",
        "GREETING, 5.3.2, true",
        "EHLO, 5.0.0, true",
        "STARTTLS, 5.7.0, true",
        "AUTH, 4.7.8, true",
        "MAIL, 4.3.0, true",
        "MAIL, 5.7.0, false",
        "RCPT, 4.2.1, true",
        "RCPT, 5.1.1, false",
        "DATA, 5.0.0, false",
        "END_OF_DATA, 4.4.2, true",
        "END_OF_DATA, 5.7.1, false",
        "END_OF_DATA, 2.0.0, false",
        "GREETING, 2.0.0, false",
    })
    void tryNextHostAfterSessionFailuresAndTemporaryOnes(SmtpPhase phase, String status, boolean next) {
        EnhancedStatus s = EnhancedStatus.parse(status);
        DeliveryOutcome outcome = s.isSuccess() ? DeliveryOutcome.delivered(s, phase, "ok")
            : DeliveryOutcome.failure(s, phase, "failed");

        assertThat(classifier.tryNextHost(phase, outcome)).isEqualTo(next);
    }

    // A configured relay: a permanent failure before the transaction is our configuration's, 4.3.5.
    @ParameterizedTest(name = "relay {0} {1} → {2}")
    @CsvSource({
        "CONNECT, 5.4.4, 4.3.5",
        "CONNECT, 5.1.2, 4.3.5",
        "CONNECT, 5.4.6, 4.3.5",
        "GREETING, 5.3.2, 4.3.5",
        "EHLO, 5.0.0, 4.3.5",
        "STARTTLS, 5.7.0, 4.3.5",
        "CONNECT, 4.4.1, 4.4.1",
        "MAIL, 5.7.1, 5.7.1",
        "RCPT, 5.1.1, 5.1.1",
        "END_OF_DATA, 5.7.1, 5.7.1",
        "END_OF_DATA, 2.0.0, 2.0.0",
    })
    void atAConfiguredRelayOnlySessionRefusalsBecomeTemporary(SmtpPhase phase, String status, String expected) {
        EnhancedStatus s = EnhancedStatus.parse(status);
        DeliveryOutcome outcome = s.isSuccess() ? DeliveryOutcome.delivered(s, phase, "ok")
            : DeliveryOutcome.failure(s, phase, "failed").withRemote("smarthost.test", "192.0.2.7");

        DeliveryOutcome judged = classifier.atConfiguredRelay(outcome);

        assertThat(judged.status()).hasToString(expected);
        assertThat(judged.phase()).isEqualTo(phase);
        assertThat(judged.remoteHost()).isEqualTo(outcome.remoteHost());
        assertThat(judged.remoteIp()).isEqualTo(outcome.remoteIp());
    }
}
