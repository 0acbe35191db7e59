package dev.postino.it.hardening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.postino.it.harness.MailReader;
import dev.postino.it.harness.Messages;
import dev.postino.it.harness.MxLab;
import dev.postino.it.harness.PostinoJames;
import dev.postino.it.harness.SmtpReplyLines;
import dev.postino.it.harness.SmtpSession;
import dev.postino.testing.peer.Phase;
import dev.postino.testing.peer.RecordedMessage;
import dev.postino.testing.peer.ScriptedSmtpPeer;

/**
 * RFC 5321 §6.1 under load: every recipient we said 250 to is delivered exactly once or named in
 * exactly one failure DSN, while the MXs fail ~20 % of attempts temporarily at random steps and
 * refuse ~2 % of recipients for good.
 *
 * <p>Default size: 500 mails to 5 destinations (about a minute). The issue's full size:
 *
 * <pre>
 * mvn -B -pl it-tests -am verify -Dtest=DeliverySoakTest -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dpostino.soak.mails=10000 -Dpostino.soak.destinations=20 -Dpostino.soak.minutes=30
 * </pre>
 *
 * Other knobs: {@code postino.soak.seed} (default 5321), {@code postino.soak.temporaryRate}
 * (0.20 of attempts), {@code postino.soak.permanentRate} (0.02 of recipients).
 */
// alice → a.test(587) ×N mails, 1–3 recipients each → RouteByMx [retry every 1 s]
//   → D scripted MXs [421/451/disconnect at random steps ~20 %, 550 for ~2 % of recipients]
//   → each recipient: delivered once at its MX, or in exactly one DSN in alice's INBOX
class DeliverySoakTest {
    private static final int MAILS = Integer.getInteger("postino.soak.mails", 500);
    private static final int DESTINATIONS = Integer.getInteger("postino.soak.destinations", 5);
    private static final long SEED = Long.getLong("postino.soak.seed", 5321);
    private static final double TEMPORARY_RATE = Double.parseDouble(System.getProperty("postino.soak.temporaryRate", "0.20"));
    private static final double PERMANENT_RATE = Double.parseDouble(System.getProperty("postino.soak.permanentRate", "0.02"));
    private static final Duration LIMIT = Duration.ofMinutes(Long.getLong("postino.soak.minutes", 3));
    private static final Pattern FINAL_RECIPIENT = Pattern.compile("Final-Recipient: rfc822; ?(\\S+)");
    /** The steps where an attempt can fail; the chance per step makes ~TEMPORARY_RATE per attempt. */
    private static final List<Phase> FAULTY = List.of(Phase.GREETING, Phase.MAIL, Phase.RCPT, Phase.DATA, Phase.END_OF_DATA);

    private static MxLab lab;
    private static PostinoJames a;
    private static final List<ScriptedSmtpPeer> peers = new ArrayList<>();
    private static final Set<String> refused = new HashSet<>();

    @BeforeAll
    static void start() {
        if (DESTINATIONS < 1 || DESTINATIONS > 20) {
            throw new IllegalArgumentException("postino.soak.destinations must be 1..20 (127.0.0.1-20), got " + DESTINATIONS);
        }
        lab = MxLab.start();
        // alice is a load generator here, not a person: lift her sending limits (README "Sending limits").
        a = lab.postino("a", "sending.limit.messages-per-hour.user.alice@a.test=unlimited\n"
                + "sending.limit.messages-per-day.user.alice@a.test=unlimited\n"
                + "sending.limit.recipients-per-hour.user.alice@a.test=unlimited\n"
                + "sending.limit.recipients-per-day.user.alice@a.test=unlimited\n")
            .editConf("mailetcontainer.xml", MxLab.routeByMx(
                "<retrySchedule>1s</retrySchedule><delayWarningAfter>0</delayWarningAfter>"
                    + "<maxQueueLifetime>2h</maxQueueLifetime><deadHostTime>0</deadHostTime><deliveryThreads>20</deliveryThreads>"
                    + "<connectTimeout>5s</connectTimeout><greetingTimeout>5s</greetingTimeout><commandTimeout>5s</commandTimeout>"
                    + "<dataInitTimeout>5s</dataInitTimeout><dataBlockTimeout>5s</dataBlockTimeout><dataEndTimeout>5s</dataEndTimeout>"))
            .build().start();
        a.addUser("alice@a.test", "alice-secret");
        for (int d = 0; d < DESTINATIONS; d++) {
            String ip = "127.0.0." + (d + 1);
            String mx = "mx." + domain(d);
            lab.zone().mx(domain(d), 10, mx).a(mx, ip);
            peers.add(lab.peer(ip, options -> options.hostname(mx).maxConnections(100)));
        }
    }

    private static String domain(int d) {
        return "d" + d + ".soak.test";
    }

    @AfterAll
    static void stop() {
        if (a != null) {
            a.close();
        }
        lab.close();
    }

    @Test
    void everyRecipientIsDeliveredOnceOrBouncedOnce() {
        Random random = new Random(SEED);
        Map<String, Integer> recipientsByMail = new LinkedHashMap<>();
        List<List<String>> mails = new ArrayList<>();
        for (int m = 0; m < MAILS; m++) {
            List<String> to = new ArrayList<>();
            int count = 1 + random.nextInt(3);
            for (int k = 0; k < count; k++) {
                String rcpt = "m" + m + "r" + k + "@" + domain(random.nextInt(DESTINATIONS));
                to.add(rcpt);
                recipientsByMail.put(rcpt, m);
                if (random.nextDouble() < PERMANENT_RATE) {
                    refused.add(rcpt);
                    peerFor(rcpt).script().onRcpt(rcpt).reply("550 5.1.1 soak: no such user").always();
                }
            }
            mails.add(to);
        }
        scriptTemporaryFaults(random, recipientsByMail.size());
        long start = System.nanoTime();

        submitAll(mails);
        long submitted = System.nanoTime();
        System.out.printf("soak: %d mails, %d recipients, %d destinations, seed %d; submitted in %d s%n",
            MAILS, recipientsByMail.size(), DESTINATIONS, SEED, (submitted - start) / 1_000_000_000L);

        await().atMost(LIMIT).pollInterval(Duration.ofSeconds(2))
            .until(() -> accountedFor(recipientsByMail.keySet()) == recipientsByMail.size());
        long settled = System.nanoTime();
        // A duplicate delivery or a second DSN would come within a retry or two.
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(30))
            .until(() -> snapshot().total() == recipientsByMail.size());

        Snapshot end = snapshot();
        List<String> wrong = new ArrayList<>();
        for (String rcpt : recipientsByMail.keySet()) {
            int delivered = end.delivered.getOrDefault(rcpt, 0);
            int bounced = end.bounced.getOrDefault(rcpt, 0);
            boolean ok = refused.contains(rcpt) ? delivered == 0 && bounced == 1 : delivered + bounced == 1;
            if (!ok) {
                wrong.add(rcpt + ": delivered " + delivered + ", DSNs " + bounced + (refused.contains(rcpt) ? " (refused)" : ""));
            }
        }
        int connections = peers.stream().mapToInt(ScriptedSmtpPeer::connectionCount).sum();
        long rcptCommands = peers.stream().flatMap(p -> p.connections().stream()).flatMap(c -> c.verbs().stream())
            .filter("RCPT"::equals).count();
        System.out.printf("soak: settled %d s after submission; delivered %d, bounced %d (scripted 550: %d), "
                + "MX connections %d, RCPT commands %d, wrong %d%n",
            (settled - submitted) / 1_000_000_000L, end.delivered.size(), end.bounced.size(), refused.size(),
            connections, rcptCommands, wrong.size());
        assertThat(wrong).isEmpty();
    }

    /**
     * Queues, per MX and faulty step, a shuffled run of scripted answers: mostly the normal one,
     * some 421/451/disconnect. When a run is used up the MX accepts, so the soak converges.
     */
    private static void scriptTemporaryFaults(Random random, int recipients) {
        double perStep = 1 - Math.pow(1 - TEMPORARY_RATE, 1.0 / FAULTY.size());
        int steps = 3 * recipients / DESTINATIONS + 100;
        for (ScriptedSmtpPeer peer : peers) {
            for (Phase phase : FAULTY) {
                for (int i = 0; i < steps; i++) {
                    boolean fail = random.nextDouble() < perStep;
                    switch (phase) {
                        case GREETING -> peer.script().on(phase).reply(fail ? "421 4.3.2 soak: busy" : "220 " + peer.options().hostname() + " ESMTP soak");
                        case MAIL -> peer.script().on(phase).reply(fail ? "451 4.3.0 soak: try again" : "250 2.1.0 OK");
                        case RCPT -> peer.script().on(phase).reply(fail ? "450 4.2.1 soak: mailbox busy" : "250 2.1.5 OK");
                        case DATA -> peer.script().on(phase).reply(fail ? "451 4.3.0 soak: not now" : "354 go ahead");
                        default -> {
                            if (fail && random.nextBoolean()) {
                                peer.script().on(phase).disconnect();
                            } else {
                                peer.script().on(phase).reply(fail ? "451 4.3.0 soak: disk full" : "250 2.0.0 OK");
                            }
                        }
                    }
                }
            }
        }
    }

    private static ScriptedSmtpPeer peerFor(String rcpt) {
        String domain = rcpt.substring(rcpt.indexOf('@') + 1);
        return peers.get(Integer.parseInt(domain.substring(1, domain.indexOf('.'))));
    }

    /** One authenticated session per 500 mails, transactions back to back. */
    private static void submitAll(List<List<String>> mails) {
        for (int from = 0; from < mails.size(); from += 500) {
            try (SmtpSession smtp = SmtpSession.plain(a.submissionPort())) {
                smtp.ehlo("client.test");
                smtp.starttls();
                smtp.ehlo("client.test");
                assertThat(smtp.authPlain("alice@a.test", "alice-secret").code()).isEqualTo(235);
                for (int m = from; m < Math.min(mails.size(), from + 500); m++) {
                    List<String> to = mails.get(m);
                    assertThat(smtp.mailFrom("alice@a.test").code()).isEqualTo(250);
                    for (String rcpt : to) {
                        assertThat(smtp.rcptTo(rcpt).code()).isEqualTo(250);
                    }
                    SmtpReplyLines reply = smtp.data(Messages.simple("alice@a.test", String.join(", ", to), "soak " + m, "mail " + m));
                    assertThat(reply.code()).as("mail %d: %s", m, reply).isEqualTo(250);
                }
            }
        }
    }

    private record Snapshot(Map<String, Integer> delivered, Map<String, Integer> bounced) {
        /** Deliveries plus DSN mentions: the recipient count when each is accounted for once. */
        int total() {
            return delivered.values().stream().mapToInt(Integer::intValue).sum()
                + bounced.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    private static Snapshot snapshot() {
        Map<String, Integer> delivered = new HashMap<>();
        for (ScriptedSmtpPeer peer : peers) {
            for (RecordedMessage message : peer.messages()) {
                message.recipientAddresses().forEach(r -> delivered.merge(r.toLowerCase(), 1, Integer::sum));
            }
        }
        Map<String, Integer> bounced = new HashMap<>();
        for (String message : MailReader.imap(a.imapPort(), "alice@a.test", "alice-secret", "INBOX")) {
            if (!message.contains("report-type=delivery-status")) {
                continue;
            }
            assertThat(message).doesNotContain("Action: delayed");
            Matcher matcher = FINAL_RECIPIENT.matcher(message);
            while (matcher.find()) {
                bounced.merge(matcher.group(1).toLowerCase(), 1, Integer::sum);
            }
        }
        return new Snapshot(delivered, bounced);
    }

    private static int accountedFor(Set<String> recipients) {
        Snapshot now = snapshot();
        return (int) recipients.stream().filter(r -> now.delivered.containsKey(r) || now.bounced.containsKey(r)).count();
    }
}
