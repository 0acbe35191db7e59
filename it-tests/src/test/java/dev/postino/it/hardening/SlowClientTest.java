package dev.postino.it.hardening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.postino.it.harness.MailReader;
import dev.postino.it.harness.Messages;
import dev.postino.it.harness.PostinoJames;
import dev.postino.it.harness.RawSmtpClient;
import dev.postino.it.harness.RawSmtpClient.Reply;
import dev.postino.testing.dns.DnsZone;
import dev.postino.testing.dns.ScriptedDnsService;

// slow client → a.test(25) [one byte per 200 ms: in a command line, in DATA; NOOP every 200 ms]
//   → 421 4.4.2 and closed within EnforceSmtpTimeouts' bound, nothing stored, the next client served
class SlowClientTest {
    private static final Duration COMMAND = Duration.ofSeconds(2);
    private static final Duration DATA = Duration.ofSeconds(3);
    private static final Duration SESSION = Duration.ofSeconds(6);
    private static final Duration SLACK = Duration.ofSeconds(3);
    private static final Duration BYTE_EVERY = Duration.ofMillis(200);
    /** The common pool (our reader tasks) may keep a few idle workers for a while. */
    private static final int COMMON_POOL_SLACK = Math.max(2, java.util.concurrent.ForkJoinPool.getCommonPoolParallelism());
    private static PostinoJames james;
    private static ScheduledExecutorService trickler;

    @BeforeAll
    static void start() {
        james = PostinoJames.builder().name("slow").dns(new ScriptedDnsService(new DnsZone()))
            // The shipped bounds, by their literal keys, shortened on port 25 (the first listener);
            // editConf fails if a key is not in the shipped conf. The idle timeout stays 300 s.
            .editConf("smtpserver.xml", xml -> xml
                .replaceFirst("<commandTimeout>5m</commandTimeout>", "<commandTimeout>2s</commandTimeout>")
                .replaceFirst("<dataTimeout>30m</dataTimeout>", "<dataTimeout>3s</dataTimeout>")
                .replaceFirst("<sessionTimeout>1h</sessionTimeout>", "<sessionTimeout>6s</sessionTimeout>"))
            .build().start();
        james.addUser("bob@a.test", "bob-secret");
        trickler = Executors.newSingleThreadScheduledExecutor();
    }

    @AfterAll
    static void stop() {
        if (trickler != null) {
            trickler.shutdownNow();
        }
        if (james != null) {
            james.close();
        }
    }

    /** After each slow client, the next one is served and its mail delivered. */
    @AfterEach
    void theNextClientIsServed() {
        deliverOrdinaryMail();
    }

    /** An ordinary client's mail to bob, awaited in his INBOX; returns the INBOX then. */
    private static List<String> deliverOrdinaryMail() {
        String subject = "after slow " + UUID.randomUUID();
        try (RawSmtpClient smtp = greeted()) {
            assertThat(smtp.command("EHLO next.outside.test").code()).isEqualTo(250);
            assertThat(smtp.command("MAIL FROM:<stranger@outside.test>").code()).isEqualTo(250);
            assertThat(smtp.command("RCPT TO:<bob@a.test>").code()).isEqualTo(250);
            assertThat(smtp.command("DATA").code()).isEqualTo(354);
            smtp.send(Messages.simple("stranger@outside.test", "bob@a.test", subject, "hello") + ".\r\n");
            assertThat(smtp.reply().code()).isEqualTo(250);
        }
        return await().atMost(Duration.ofSeconds(30)).until(SlowClientTest::bobsInbox,
            inbox -> inbox.stream().anyMatch(m -> m.contains(subject)));
    }

    private static RawSmtpClient greeted() {
        RawSmtpClient smtp = RawSmtpClient.connect(james.smtpPort());
        assertThat(smtp.reply().code()).isEqualTo(220);
        return smtp;
    }

    private static List<String> bobsInbox() {
        return MailReader.imap(james.imapPort(), "bob@a.test", "bob-secret", "INBOX");
    }

    /** Sends {@code bytes} one at a time, one every 200 ms, until they run out or the server closed. */
    private static CompletableFuture<Void> trickle(RawSmtpClient smtp, byte[] bytes) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        int[] next = {0};
        trickler.scheduleAtFixedRate(() -> {
            if (done.isDone()) {
                throw new IllegalStateException("stop"); // cancels this periodic task
            }
            if (next[0] == bytes.length || !smtp.send(new byte[] {bytes[next[0]++]})) {
                done.complete(null);
            }
        }, 0, BYTE_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        return done;
    }

    /** The server's replies until it closed, and how long after {@code start} it closed. */
    private static Duration awaitClose(RawSmtpClient smtp, long start, List<Reply> replies) {
        replies.addAll(smtp.repliesUntilClosed());
        return Duration.ofNanos(System.nanoTime() - start);
    }

    @Test
    void aCommandLineTrickledByteByByteIsCutAtTheCommandTimeout() {
        try (RawSmtpClient smtp = greeted()) {
            long start = System.nanoTime();
            CompletableFuture<Void> sending = trickle(smtp,
                "EHLO a-very-slow-client-that-never-ends.outside.test\r\n".getBytes(StandardCharsets.US_ASCII));
            List<Reply> replies = new java.util.ArrayList<>();
            Duration closedAfter = awaitClose(smtp, start, replies);
            sending.complete(null);
            System.out.println("trickled command line closed after " + closedAfter.toMillis() + " ms: " + replies);
            assertThat(replies).hasSize(1).first().satisfies(r -> {
                assertThat(r.code()).isEqualTo(421);
                assertThat(r.text()).startsWith("4.4.2 ").endsWith(" Error: timeout exceeded");
            });
            assertThat(closedAfter).isBetween(COMMAND.minusMillis(300), COMMAND.plus(SLACK));
        }
    }

    @Test
    void aMessageTrickledByteByByteIsCutAtTheDataTimeoutAndNotStored() {
        String id = UUID.randomUUID().toString();
        try (RawSmtpClient smtp = greeted()) {
            assertThat(smtp.command("EHLO slow.outside.test").code()).isEqualTo(250);
            assertThat(smtp.command("MAIL FROM:<stranger@outside.test>").code()).isEqualTo(250);
            assertThat(smtp.command("RCPT TO:<bob@a.test>").code()).isEqualTo(250);
            assertThat(smtp.command("DATA").code()).isEqualTo(354);
            long start = System.nanoTime();
            // Whole lines arrive (each in less than the command timeout), but the message never ends in time.
            CompletableFuture<Void> sending = trickle(smtp, (Messages.simple("stranger@outside.test", "bob@a.test",
                "trickled " + id, "x\r\ny\r\nz") + ".\r\n").getBytes(StandardCharsets.US_ASCII));
            List<Reply> replies = new java.util.ArrayList<>();
            Duration closedAfter = awaitClose(smtp, start, replies);
            sending.complete(null);
            System.out.println("trickled DATA closed after " + closedAfter.toMillis() + " ms: " + replies);
            assertThat(replies).extracting(Reply::code).containsExactly(421);
            assertThat(closedAfter).isBetween(DATA.minusMillis(300), DATA.plus(SLACK));
        }
        // The cut message had no final dot: it is not in the INBOX once a later one is.
        assertThat(deliverOrdinaryMail()).noneMatch(m -> m.contains(id));
    }

    @Test
    void aSessionOfQuickCommandsIsCutAtTheSessionTimeout() {
        try (RawSmtpClient smtp = greeted()) {
            long start = System.nanoTime();
            int answered = 0;
            Reply reply = smtp.command("EHLO busy.outside.test");
            while (reply.code() == 250) {
                answered++;
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(SESSION.plus(SLACK));
                await().pollDelay(BYTE_EVERY).until(() -> true);
                reply = smtp.command("NOOP");
            }
            Duration closedAfter = Duration.ofNanos(System.nanoTime() - start);
            System.out.println("NOOP every 200 ms: " + answered + " answered, then " + reply + " after "
                + closedAfter.toMillis() + " ms");
            assertThat(reply.code()).isEqualTo(421);
            assertThat(reply.text()).startsWith("4.4.2 ");
            assertThat(smtp.reply().closed()).isTrue();
            assertThat(closedAfter).isBetween(SESSION.minusMillis(300), SESSION.plus(SLACK));
        }
    }

    // 20 slow clients at once (the per-address limit) → all cut → the server runs no more threads than before them
    @Test
    void manySlowClientsAtOnceAreAllCutAndLeaveNoThreadBehind() {
        // Warm up: the server's event loops and handler executors start lazily with the first connections.
        for (int i = 0; i < 20; i++) {
            try (RawSmtpClient smtp = greeted()) {
                assertThat(smtp.command("QUIT").code()).isEqualTo(221);
            }
        }
        int before = Thread.activeCount();
        List<RawSmtpClient> clients = new java.util.ArrayList<>();
        List<CompletableFuture<List<Reply>>> cut = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                RawSmtpClient smtp = greeted();
                clients.add(smtp);
                trickle(smtp, ("EHLO slow-" + i + "-and-never-done.outside.test\r\n").getBytes(StandardCharsets.US_ASCII));
                cut.add(CompletableFuture.supplyAsync(smtp::repliesUntilClosed));
            }
            for (CompletableFuture<List<Reply>> replies : cut) {
                assertThat(replies.orTimeout(COMMAND.plus(SLACK).toMillis() * 2, TimeUnit.MILLISECONDS).join())
                    .extracting(Reply::code).containsExactly(421);
            }
        } finally {
            clients.forEach(RawSmtpClient::close);
        }
        // The bounds are timers on the connections' own event loops: nothing to leak. Our side's
        // reader tasks above run in the common pool, which is not the server's.
        int threadsAfter = await("threads back to where they were").atMost(Duration.ofSeconds(20))
            .until(Thread::activeCount, count -> count <= before + COMMON_POOL_SLACK);
        System.out.println("threads before 20 slow clients: " + before + ", after: " + threadsAfter);
    }

    @Test
    void aBadBoundStopsStartUpNamingTheKey() {
        PostinoJames bad = PostinoJames.builder().name("bad-timeout").dns(new ScriptedDnsService(new DnsZone()))
            .editConf("smtpserver.xml", xml -> xml.replaceFirst("<dataTimeout>30m</dataTimeout>", "<dataTimeout>soon</dataTimeout>"))
            .build();
        try {
            assertThatThrownBy(bad::start).hasStackTraceContaining("bad value for dataTimeout='soon'");
        } finally {
            bad.close();
        }
    }
}
