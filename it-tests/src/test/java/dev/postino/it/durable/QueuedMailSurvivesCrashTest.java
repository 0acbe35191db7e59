package dev.postino.it.durable;

import static dev.postino.it.durable.RestartScenario.expect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import dev.postino.it.harness.Messages;
import dev.postino.it.harness.MxLab;
import dev.postino.it.harness.SmtpSession;
import dev.postino.testing.peer.RecordedMessage;
import dev.postino.testing.peer.ScriptedSmtpPeer;

// alice → durable Postino(587) ×N [250 each, MX c.test down] → kill -9 → start → MX c.test up → all N delivered, none lost
class QueuedMailSurvivesCrashTest {
    /** How many mails are in flight at the kill: {@code -Dpostino.crash.mails=200} for the issue's full run. */
    private static final int MAILS = Integer.getInteger("postino.crash.mails", 50);
    private static final Pattern NUMBER = Pattern.compile("Subject: crash mail #(\\d+)");

    @Test
    void everyAcceptedMailIsDeliveredAfterAKill() {
        try (MxLab lab = MxLab.start()) {
            lab.zone().mx("c.test", 10, "mx.c.test").a("mx.c.test", "127.0.0.2");
            DurableHome home = DurableLab.home("crash", lab,
                "<retrySchedule>2s</retrySchedule><retryJitter>0</retryJitter><deadHostTime>0</deadHostTime>"
                    + "<delayWarningAfter>0</delayWarningAfter><maxQueueLifetime>1h</maxQueueLifetime>");

            try (ServerProcess first = home.start()) {
                home.webadmin().addDomain("a.test");
                home.webadmin().addUser("alice@a.test", "alice-secret");
                submitAll(home);
                first.kill();
            }

            try (ServerProcess second = home.start()) {
                ScriptedSmtpPeer mx = lab.peer("127.0.0.2");
                await("all " + MAILS + " mails at the MX").atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500))
                    .until(() -> delivered(mx).size() == MAILS);
                await("queues drained").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> DurableLab.queueSize(home, "spool") == 0
                        && DurableLab.queueSize(home, "postino-outgoing") == 0);

                Map<Integer, Long> copies = delivered(mx);
                Map<Integer, Long> duplicates = copies.entrySet().stream().filter(e -> e.getValue() > 1)
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, TreeMap::new));
                System.out.printf("crash test: %d mails accepted, %d delivered after kill -9, %d distinct, "
                        + "duplicates %s%n", MAILS, mx.messages().size(), copies.size(), duplicates);
                assertThat(copies.keySet()).as("every accepted mail, none lost").hasSize(MAILS);
            }
        }
    }

    /** Answers 250 to each of MAILS transactions on one authenticated submission session. */
    private static void submitAll(DurableHome home) {
        try (SmtpSession smtp = SmtpSession.plain(home.submissionPort())) {
            expect(smtp.ehlo("client.test"), 250);
            expect(smtp.starttls(), 220);
            expect(smtp.ehlo("client.test"), 250);
            expect(smtp.authPlain("alice@a.test", "alice-secret"), 235);
            for (int i = 1; i <= MAILS; i++) {
                expect(smtp.mailFrom("alice@a.test"), 250);
                expect(smtp.rcptTo("carol@c.test"), 250);
                expect(smtp.data(Messages.simple("alice@a.test", "carol@c.test", "crash mail #" + i,
                    "mail " + i + " of " + MAILS)), 250);
            }
        }
    }

    /** Mail number → copies received. */
    private static Map<Integer, Long> delivered(ScriptedSmtpPeer mx) {
        return mx.messages().stream()
            .map(RecordedMessage::content)
            .map(NUMBER::matcher)
            .filter(Matcher::find)
            .collect(Collectors.groupingBy(m -> Integer.parseInt(m.group(1)), TreeMap::new, Collectors.counting()));
    }
}
