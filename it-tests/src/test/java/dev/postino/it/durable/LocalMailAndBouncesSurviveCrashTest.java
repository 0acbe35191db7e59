package dev.postino.it.durable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import dev.postino.it.harness.MailReader;
import dev.postino.it.harness.Messages;
import dev.postino.it.harness.MxLab;
import dev.postino.it.harness.SmtpReplyLines;
import dev.postino.it.harness.SmtpSession;
import dev.postino.testing.peer.Phase;
import dev.postino.testing.peer.ScriptedSmtpPeer;

// alice → durable Postino(587) ×3 sessions [250 each: bob@a.test | dan@c.test, MX c.test RCPT 550] → kill -9 mid-stream
//   → start → bob's INBOX: every local mail once; alice's INBOX: one DSN per bounced mail; duplicates counted and bounded
class LocalMailAndBouncesSurviveCrashTest {
    /** Mails answered 250 before the kill: {@code -Dpostino.crash.local.accepted=N}. */
    private static final int KILL_AFTER = Integer.getInteger("postino.crash.local.accepted", 90);
    private static final int SESSIONS = 3;
    private static final int DELIVERY_THREADS = 10;
    private static final String ALICE = "alice@a.test";
    private static final String ALICE_SECRET = "alice-secret";
    private static final String BOB = "bob@a.test";
    private static final String BOB_SECRET = "bob-secret";
    private static final String DAN = "dan@c.test";
    private static final Pattern LOCAL = Pattern.compile("Subject: crash local #(\\d+)");
    private static final Pattern BOUNCE = Pattern.compile("Subject: crash bounce #(\\d+)");
    private static final Pattern SPOOL_THREADS = Pattern.compile("<spooler>\\s*<threads>(\\d+)</threads>");

    @Test
    void everyAcceptedLocalMailOnceAndEveryBounceOneDsnAfterAKill() {
        try (MxLab lab = MxLab.start()) {
            lab.zone().mx("c.test", 10, "mx.c.test").a("mx.c.test", "127.0.0.2");
            ScriptedSmtpPeer mx = lab.peer("127.0.0.2");
            mx.script().on(Phase.RCPT).reply("550 5.1.1 <dan@c.test>: no such user").always();
            DurableHome home = DurableLab.home("local-crash", lab,
                "<deliveryThreads>" + DELIVERY_THREADS + "</deliveryThreads><retryJitter>0</retryJitter>"
                    + "<deadHostTime>0</deadHostTime><delayWarningAfter>0</delayWarningAfter>");

            Submissions stream = new Submissions(home);
            long spoolAtKill;
            try (ServerProcess first = home.start()) {
                home.webadmin().addDomain("a.test");
                home.webadmin().addUser(ALICE, ALICE_SECRET);
                home.webadmin().addUser(BOB, BOB_SECRET);
                stream.start();
                await(KILL_AFTER + " mails answered 250").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(20))
                    .failFast("a submission session failed before the kill", stream::failedEarly)
                    .until(() -> stream.accepted.size() >= KILL_AFTER);
                spoolAtKill = DurableLab.queueSize(home, "spool");
                first.kill();
                stream.stop();
            }

            SortedSet<Integer> local = stream.accepted.stream().filter(Submissions::isLocal)
                .collect(Collectors.toCollection(TreeSet::new));
            SortedSet<Integer> bounced = stream.accepted.stream().filter(n -> !Submissions.isLocal(n))
                .collect(Collectors.toCollection(TreeSet::new));
            try (ServerProcess second = home.start()) {
                await("every accepted mail in bob's INBOX or bounced to alice, queues drained")
                    .atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1))
                    .ignoreExceptionsInstanceOf(IllegalStateException.class)
                    .until(() -> copies(home, BOB, BOB_SECRET, LOCAL).keySet().containsAll(local)
                        && copies(home, ALICE, ALICE_SECRET, BOUNCE).keySet().containsAll(bounced)
                        && DurableLab.queueSize(home, "spool") == 0
                        && DurableLab.queueSize(home, "postino-outgoing") == 0);

                Map<Integer, Integer> inbox = copies(home, BOB, BOB_SECRET, LOCAL);
                Map<Integer, Integer> dsns = copies(home, ALICE, ALICE_SECRET, BOUNCE);
                Map<Integer, Integer> localDuplicates = duplicates(inbox);
                Map<Integer, Integer> dsnDuplicates = duplicates(dsns);
                int extraCopies = extra(localDuplicates) + extra(dsnDuplicates);
                int bound = spoolThreads(home) + DELIVERY_THREADS;
                System.out.printf("local/bounce crash test: %d local + %d bounced mails answered 250, %d in the spool at the kill, "
                        + "%d unanswered at the kill %s; after restart bob has %d distinct (duplicates %s), alice %d DSNs "
                        + "distinct (duplicates %s); %d extra copies, bound %d%n",
                    local.size(), bounced.size(), spoolAtKill, stream.unanswered.size(), stream.unanswered,
                    inbox.size(), localDuplicates, dsns.size(), dsnDuplicates, extraCopies, bound);

                assertThat(local).as("local mails answered 250 before the kill").isNotEmpty();
                assertThat(bounced).as("bounced mails answered 250 before the kill").isNotEmpty();
                assertThat(inbox.keySet()).as("no local mail lost").containsAll(local);
                assertThat(dsns.keySet()).as("no bounce without its DSN").containsAll(bounced);
                assertThat(mx.messages()).as("the MX refused every RCPT, took no message").isEmpty();
                // Only mails not answered 250 may appear beyond those that were (the client was
                // cut off after the data reached the spool).
                assertThat(Set.copyOf(inbox.keySet())).as("nothing in bob's INBOX that was never sent")
                    .isSubsetOf(union(local, stream.unanswered));
                assertThat(Set.copyOf(dsns.keySet())).as("no DSN about a mail never sent")
                    .isSubsetOf(union(bounced, stream.unanswered));
                // The duplicate window (package-info): a mail whose next step (mailbox append,
                // outgoing queue, DSN on the spool) was done but whose queue entry was not yet
                // acknowledged at the kill is processed again. At most one per spool thread and
                // one per delivery thread is in that window at once.
                assertThat(extraCopies).as("duplicates: at most the mails in processing at the kill").isLessThanOrEqualTo(bound);
            }
        }
    }

    /** Mail number → copies in the user's INBOX (a DSN names its mail's Subject once, in the returned headers). */
    private static Map<Integer, Integer> copies(DurableHome home, String user, String password, Pattern number) {
        Map<Integer, Integer> copies = new TreeMap<>();
        for (String message : MailReader.imap(home.imapPort(), user, password, "INBOX")) {
            Matcher m = number.matcher(message);
            Set<Integer> named = new TreeSet<>();
            while (m.find()) {
                named.add(Integer.parseInt(m.group(1)));
            }
            named.forEach(n -> copies.merge(n, 1, Integer::sum));
        }
        return copies;
    }

    private static Map<Integer, Integer> duplicates(Map<Integer, Integer> copies) {
        return copies.entrySet().stream().filter(e -> e.getValue() > 1)
            .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, TreeMap::new));
    }

    private static int extra(Map<Integer, Integer> duplicates) {
        return duplicates.values().stream().mapToInt(copies -> copies - 1).sum();
    }

    private static Set<Integer> union(Set<Integer> a, Set<Integer> b) {
        Set<Integer> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }

    /** {@code <spooler><threads>} of the installed mailetcontainer.xml: mails the spool processes at once. */
    private static int spoolThreads(DurableHome home) {
        try {
            Matcher m = SPOOL_THREADS.matcher(Files.readString(home.conf().resolve("mailetcontainer.xml")));
            if (!m.find()) {
                throw new IllegalStateException("no <spooler><threads> in mailetcontainer.xml");
            }
            return Integer.parseInt(m.group(1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@value #SESSIONS} authenticated submission sessions sending without pause until stopped (or
     * cut off by the kill); odd numbers to bob (local), even ones to dan (bounced).
     */
    private static final class Submissions {
        final Set<Integer> accepted = new ConcurrentSkipListSet<>();
        /** DATA sent, no 250 seen: the kill cut the session. */
        final Set<Integer> unanswered = new ConcurrentSkipListSet<>();
        private final AtomicInteger next = new AtomicInteger();
        private final AtomicBoolean stopping = new AtomicBoolean();
        private final AtomicBoolean failedEarly = new AtomicBoolean();
        private final ExecutorService sessions = Executors.newFixedThreadPool(SESSIONS);
        private final DurableHome home;

        Submissions(DurableHome home) {
            this.home = home;
        }

        static boolean isLocal(int n) {
            return n % 2 == 1;
        }

        void start() {
            for (int i = 0; i < SESSIONS; i++) {
                sessions.execute(this::session);
            }
        }

        boolean failedEarly() {
            return failedEarly.get();
        }

        void stop() {
            stopping.set(true);
            sessions.shutdown();
            try {
                if (!sessions.awaitTermination(60, TimeUnit.SECONDS)) {
                    throw new AssertionError("submission sessions did not end after the kill");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        private void session() {
            try (SmtpSession smtp = SmtpSession.plain(home.submissionPort())) {
                RestartScenario.expect(smtp.ehlo("client.test"), 250);
                RestartScenario.expect(smtp.starttls(), 220);
                RestartScenario.expect(smtp.ehlo("client.test"), 250);
                RestartScenario.expect(smtp.authPlain(ALICE, ALICE_SECRET), 235);
                while (!stopping.get()) {
                    int n = next.incrementAndGet();
                    String to = isLocal(n) ? BOB : DAN;
                    String subject = (isLocal(n) ? "crash local #" : "crash bounce #") + n;
                    RestartScenario.expect(smtp.mailFrom(ALICE), 250);
                    RestartScenario.expect(smtp.rcptTo(to), 250);
                    unanswered.add(n);
                    SmtpReplyLines reply = smtp.data(Messages.simple(ALICE, to, subject, "mail " + n));
                    if (reply.code() == 250) {
                        accepted.add(n);
                        unanswered.remove(n);
                    }
                }
            } catch (RuntimeException | AssertionError e) {
                // After the kill every session ends this way; before it, the test fails fast.
                if (!stopping.get()) {
                    failedEarly.compareAndSet(false, accepted.size() < KILL_AFTER);
                }
            }
        }
    }
}
