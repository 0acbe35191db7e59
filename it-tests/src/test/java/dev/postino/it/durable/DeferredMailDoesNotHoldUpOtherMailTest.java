package dev.postino.it.durable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.postino.it.harness.Messages;
import dev.postino.it.harness.MxLab;
import dev.postino.it.harness.SmtpSession;
import dev.postino.testing.peer.Phase;
import dev.postino.testing.peer.ScriptedSmtpPeer;

// alice → durable Postino: 700 mails → MX d.test [RCPT 451 always; next try in 1h], then 1 mail → MX u.test [250] within a minute
class DeferredMailDoesNotHoldUpOtherMailTest {
    /**
     * Enough deferred mail to fill ActiveMQ's default windows (200 paged in for dispatch, 400 for
     * browsing), which James's due-time selector searches: 300 did not stall, 700 did.
     */
    private static final int DEFERRED = 700;

    @Test
    void mailToAWorkingDestinationIsDeliveredWhileHundredsWaitForTheirRetry() {
        try (MxLab lab = MxLab.start()) {
            lab.zone().mx("d.test", 10, "mx.d.test").a("mx.d.test", "127.0.0.3")
                .mx("u.test", 10, "mx.u.test").a("mx.u.test", "127.0.0.4");
            ScriptedSmtpPeer down = lab.peer("127.0.0.3");
            down.script().on(Phase.RCPT).reply("451 4.3.0 try later").always();
            ScriptedSmtpPeer up = lab.peer("127.0.0.4");
            DurableHome home = DurableLab.home("holdup", lab,
                "<retrySchedule>1h</retrySchedule><retryJitter>0</retryJitter><deadHostTime>0</deadHostTime>"
                    + "<delayWarningAfter>0</delayWarningAfter><maxQueueLifetime>5d</maxQueueLifetime>")
                .editConf("postino.properties", properties -> properties + "sending.limit.messages-per-hour=unlimited\n"
                    + "sending.limit.messages-per-day=unlimited\n");

            try (ServerProcess server = home.start()) {
                home.webadmin().addDomain("a.test");
                home.webadmin().addUser("alice@a.test", "alice-secret");
                try (SmtpSession smtp = SmtpSession.authenticated(home.submissionPort(), "alice@a.test", "alice-secret")) {
                    for (int i = 0; i < DEFERRED; i++) {
                        assertThat(smtp.mailFrom("alice@a.test").code()).isEqualTo(250);
                        assertThat(smtp.rcptTo("dan" + i + "@d.test").code()).isEqualTo(250);
                        assertThat(smtp.data(Messages.simple("alice@a.test", "dan" + i + "@d.test", "deferred " + i, "body"))
                            .code()).isEqualTo(250);
                    }
                }
                await("every deferred mail tried once").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
                    .until(() -> rcptCount(down) >= DEFERRED);

                SmtpSession.submit(home.submissionPort(), "alice@a.test", "alice-secret", "alice@a.test",
                    List.of("ursula@u.test"), Messages.simple("alice@a.test", "ursula@u.test", "not held up", "body"));

                assertThat(up.awaitMessages(1, Duration.ofSeconds(60))).as("delivered while %d mails wait", DEFERRED)
                    .hasSize(1);
                assertThat(rcptCount(down)).as("no deferred mail retried before its hour").isEqualTo(DEFERRED);
            }
        }
    }

    private static long rcptCount(ScriptedSmtpPeer mx) {
        return mx.connections().stream().flatMap(c -> c.verbs().stream()).filter("RCPT"::equals).count();
    }
}
