package dev.postino.it.durable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.postino.it.harness.Messages;
import dev.postino.it.harness.MxLab;
import dev.postino.it.harness.SmtpSession;
import dev.postino.testing.peer.Phase;
import dev.postino.testing.peer.ScriptedSmtpPeer;

// alice → durable Postino [MX d.test: RCPT 451 always; retry 2s then 30s; maxAttempts 3] → 2 attempts → SIGTERM → start → attempt 3 when due, then give up
class DeferredMailKeepsItsHistoryTest {
    private static final Duration SECOND_DELAY = Duration.ofSeconds(30);

    @Test
    void retryHistoryAndDueTimeSurviveARestart() {
        try (MxLab lab = MxLab.start()) {
            lab.zone().mx("d.test", 10, "mx.d.test").a("mx.d.test", "127.0.0.3");
            ScriptedSmtpPeer mx = lab.peer("127.0.0.3");
            mx.script().on(Phase.RCPT).reply("451 4.7.1 greylisted, come back later").always();
            DurableHome home = DurableLab.home("deferred", lab,
                "<retrySchedule>2s, " + SECOND_DELAY.toSeconds() + "s</retrySchedule><retryJitter>0</retryJitter>"
                    + "<maxAttempts>3</maxAttempts><deadHostTime>0</deadHostTime>"
                    + "<delayWarningAfter>0</delayWarningAfter><maxQueueLifetime>1h</maxQueueLifetime>");

            Instant secondAttempt;
            try (ServerProcess first = home.start()) {
                home.webadmin().addDomain("a.test");
                home.webadmin().addUser("alice@a.test", "alice-secret");
                SmtpSession.submit(home.submissionPort(), "alice@a.test", "alice-secret", "alice@a.test",
                    List.of("dan@d.test"), Messages.simple("alice@a.test", "dan@d.test", "deferred", "body"));
                await("two refused attempts").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .until(() -> rcptCount(mx) == 2);
                secondAttempt = Instant.now();
                first.stop();
            }

            try (ServerProcess second = home.start()) {
                await("third attempt after the restart").atMost(SECOND_DELAY.plusSeconds(90)).pollInterval(Duration.ofMillis(200))
                    .until(() -> rcptCount(mx) == 3);
                Instant thirdAttempt = Instant.now();
                await("given up after the third attempt").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                    .until(() -> failedMails(home) == 1);

                assertThat(Duration.between(secondAttempt, thirdAttempt))
                    .as("the stored due time is kept: no immediate retry after the restart")
                    .isGreaterThanOrEqualTo(SECOND_DELAY.minusSeconds(3));
                assertThat(second.output()).as("the attempt count continued from the stored history")
                    .contains("attempt=3").doesNotContain("attempt=1 ");
                assertThat(rcptCount(mx)).as("no attempt after giving up").isEqualTo(3);
            }
        }
    }

    private static long rcptCount(ScriptedSmtpPeer mx) {
        return mx.connections().stream().flatMap(c -> c.verbs().stream()).filter("RCPT"::equals).count();
    }

    private static long failedMails(DurableHome home) {
        String keys = home.webadmin().get("/mailRepositories/var%2Fmail%2Fpostino-failed/mails");
        return keys.chars().filter(c -> c == '"').count() / 2;
    }
}
