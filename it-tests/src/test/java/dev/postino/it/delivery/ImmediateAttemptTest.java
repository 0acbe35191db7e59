package dev.postino.it.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.postino.it.harness.Alice;
import dev.postino.it.harness.MailReader;
import dev.postino.it.harness.MxLab;
import dev.postino.it.harness.PostinoJames;
import dev.postino.testing.peer.Phase;
import dev.postino.testing.peer.RecordedMessage;
import dev.postino.testing.peer.ScriptedSmtpPeer;

/**
 * RouteByMx's first attempt, made on James's spool thread ({@code immediateAttempts}): a slow
 * remote server holds up at most that many spool threads, never local delivery.
 */
class ImmediateAttemptTest {
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final Duration LOCAL = Duration.ofSeconds(30);
    private static MxLab lab;
    private static PostinoJames a;
    private static Alice alice;

    @BeforeAll
    static void start() {
        lab = MxLab.start();
        // Shipped spooler: 20 threads; ten first attempts at once (the default) leave ten for
        // everything else.
        a = lab.postino("a")
            .editConf("mailetcontainer.xml", MxLab.routeByMx("<immediateAttempts>10</immediateAttempts>"))
            .build().start();
        alice = new Alice(a);
        a.addUser("bob@a.test", "bob-secret");
    }

    @AfterAll
    static void stop() {
        if (a != null) {
            a.close();
        }
        lab.close();
    }

    /** A remote that holds every final dot until {@code release} opens. */
    private static ScriptedSmtpPeer slowMx(String domain, String ip, CountDownLatch release) {
        lab.zone().mx(domain, 10, "mx." + domain).a("mx." + domain, ip);
        ScriptedSmtpPeer mx = lab.peer(ip, options -> options.maxConnections(40)); // more than we open
        mx.script().on(Phase.END_OF_DATA).holdUntil(release).reply("250 2.0.0 queued after a while").always();
        return mx;
    }

    @Test
    void aStalledRemoteServerDoesNotHoldUpLocalDelivery() {
        CountDownLatch release = new CountDownLatch(1);
        ScriptedSmtpPeer slow = slowMx("slow.test", "127.0.0.2", release);
        for (int i = 0; i < 25; i++) {
            alice.send("slow " + i, "someone@slow.test");
        }
        // Ten first attempts on spool threads and ten delivery workers, each held at its dot until
        // the release (maxConnectionsPerDestination, 20); the other five mails wait in the queue.
        await().atMost(WAIT).until(() -> slow.connectionCount() >= 20);

        alice.send("for bob while the remote stalls", "bob@a.test");

        // Without the bound, every spool thread would be waiting on the remote's dot, which is
        // not released before bob's mail is in: this wait would run out.
        await().atMost(LOCAL).until(() -> MailReader.imap(a.imapPort(), "bob@a.test", "bob-secret", "INBOX")
            .stream().anyMatch(m -> m.contains("Subject: for bob while the remote stalls")));
        assertThat(slow.messages()).as("the remote is still stalling").hasSizeLessThan(25);
        release.countDown();

        List<RecordedMessage> delivered = slow.awaitMessages(25, WAIT);
        assertThat(delivered).hasSize(25);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> slow.messages().size() == 25);
        for (int i = 0; i < 25; i++) {
            String subject = "Subject: slow " + i + "\r\n";
            assertThat(slow.messages().stream().filter(m -> m.content().contains(subject))).as(subject).hasSize(1);
        }
    }
}
