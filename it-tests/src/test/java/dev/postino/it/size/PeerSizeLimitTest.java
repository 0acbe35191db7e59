package dev.postino.it.size;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.postino.it.harness.MailReader;
import dev.postino.it.harness.Messages;
import dev.postino.it.harness.MxLab;
import dev.postino.it.harness.PostinoJames;
import dev.postino.it.harness.SmtpSession;
import dev.postino.testing.peer.ScriptedSmtpPeer;

// alice → a.test(587) → RouteByMx → MX small.test [EHLO SIZE 1000000] → no MAIL, DSN 5.3.4 "limit of 1 MB" to alice
class PeerSizeLimitTest {
    private static MxLab lab;
    private static PostinoJames a;

    @BeforeAll
    static void start() {
        lab = MxLab.start();
        a = lab.postino("a").build().start();
        a.addUser("alice@a.test", "alice-secret");
    }

    @AfterAll
    static void stop() {
        if (a != null) {
            a.close();
        }
        lab.close();
    }

    @Test
    void aTwoMegabyteMailToAPeerTakingOneIsBouncedNamingTheLimitInHumanUnits() {
        lab.zone().mx("small.test", 10, "mx.small.test").a("mx.small.test", "127.0.0.13");
        ScriptedSmtpPeer mx = lab.peer("127.0.0.13", o -> o.extensions("SIZE 1000000", "8BITMIME"));

        String line = "x".repeat(98) + "\r\n";
        SmtpSession.submit(a.submissionPort(), "alice@a.test", "alice-secret", "alice@a.test", List.of("bob@small.test"),
            Messages.simple("alice@a.test", "bob@small.test", "two megabytes", line.repeat(2_000_000 / line.length())));

        String dsn = await().atMost(Duration.ofSeconds(60)).until(
            () -> MailReader.imap(a.imapPort(), "alice@a.test", "alice-secret", "INBOX").stream()
                .filter(m -> m.contains("report-type=delivery-status") && m.contains("Subject: two megabytes"))
                .findFirst(), java.util.Optional::isPresent).get().replaceAll("\r\n[ \t]+", " ");
        assertThat(dsn).contains("Action: failed").contains("Status: 5.3.4")
            .contains("Final-Recipient: rfc822; bob@small.test")
            .containsPattern("message size 2(\\.\\d)? MB exceeds the receiving server's limit of 1 MB");
        assertThat(mx.connections()).allSatisfy(c -> assertThat(c.verbs()).doesNotContain("MAIL", "DATA"));
    }
}
