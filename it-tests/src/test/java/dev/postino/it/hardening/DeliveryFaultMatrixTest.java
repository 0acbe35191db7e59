package dev.postino.it.hardening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.postino.it.harness.MailReader;
import dev.postino.it.harness.Messages;
import dev.postino.it.harness.MxLab;
import dev.postino.it.harness.PostinoJames;
import dev.postino.it.harness.SmtpSession;
import dev.postino.testing.dns.DnsQuery;
import dev.postino.testing.peer.PeerOptions;
import dev.postino.testing.peer.Phase;
import dev.postino.testing.peer.RecordedMessage;
import dev.postino.testing.peer.ScriptedSmtpPeer;

// alice → a.test(587) → RouteByMx [timeouts 2 s, retry every 1 s, give up after 20 s]
//   → one scripted MX per fault (4xx/5xx at each step, resets, hangs, DNS trouble)
//   → delivered exactly once at the MX, or exactly one failure DSN in alice's INBOX
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeliveryFaultMatrixTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String DELIVERED = "delivered";
    private static MxLab lab;
    private static PostinoJames a;
    private static final Map<String, ScriptedSmtpPeer> peers = new ConcurrentHashMap<>();
    private static MidDataResetPeer resetPeer;
    private static ScriptedSmtpPeer afterReset;
    private static ScriptedSmtpPeer latePeer;
    private static ScriptedSmtpPeer strictPeer;

    /**
     * One fault: the MX of {@code <name>.test} on {@code ip} misbehaves as {@code script} says;
     * {@code expected} is {@link #DELIVERED}, or the DSN {@code Status:} the sender must read.
     */
    record Fault(String name, String ip, Consumer<ScriptedSmtpPeer> script, String expected) {
        String domain() {
            return name + ".test";
        }

        String recipient() {
            return "bob@" + domain();
        }

        String subject() {
            return "fault " + name;
        }

        @Override
        public String toString() {
            return name + " → " + expected;
        }
    }

    static List<Fault> faults() {
        return List.of(
            new Fault("greeting-421", "127.0.0.2", p -> p.script().on(Phase.GREETING).reply("421 4.3.2 busy").once(), DELIVERED),
            new Fault("greeting-554", "127.0.0.3", p -> p.script().on(Phase.GREETING).reply("554 5.3.2 no SMTP service here").always(), "5.3.2"),
            new Fault("ehlo-451", "127.0.0.4", p -> p.script().on(Phase.EHLO).reply("451 4.3.0 try again").once(), DELIVERED),
            // A refused EHLO falls back to HELO (RFC 5321 §3.2); refusing both is the failure.
            new Fault("ehlo-helo-550", "127.0.0.5", p -> {
                p.script().on(Phase.EHLO).reply("550 5.7.1 not you").always();
                p.script().on(Phase.HELO).reply("550 5.7.1 not you either").always();
            }, "5.7.1"),
            new Fault("mail-451", "127.0.0.6", p -> p.script().on(Phase.MAIL).reply("451 4.3.0 try again").once(), DELIVERED),
            new Fault("mail-553", "127.0.0.7", p -> p.script().on(Phase.MAIL).reply("553 5.1.8 sender domain unknown").always(), "5.1.8"),
            new Fault("rcpt-450", "127.0.0.8", p -> p.script().on(Phase.RCPT).reply("450 4.2.1 mailbox busy").once(), DELIVERED),
            new Fault("rcpt-550", "127.0.0.9", p -> p.script().on(Phase.RCPT).reply("550 5.1.1 no such user").always(), "5.1.1"),
            new Fault("data-451", "127.0.0.10", p -> p.script().on(Phase.DATA).reply("451 4.3.0 try again").once(), DELIVERED),
            new Fault("data-554", "127.0.0.11", p -> p.script().on(Phase.DATA).reply("554 5.6.0 no data today").always(), "5.6.0"),
            new Fault("end-of-data-451", "127.0.0.12", p -> p.script().on(Phase.END_OF_DATA).reply("451 4.3.0 disk full").once(), DELIVERED),
            new Fault("end-of-data-554", "127.0.0.13", p -> p.script().on(Phase.END_OF_DATA).reply("554 5.7.1 content refused").always(), "5.7.1"),
            // The whole message arrived, then the connection closed without a reply: not taken, sent again.
            new Fault("end-of-data-close", "127.0.0.14", p -> p.script().on(Phase.END_OF_DATA).disconnect().once(), DELIVERED),
            new Fault("greeting-hang-once", "127.0.0.15", p -> p.script().on(Phase.GREETING).hang().once(), DELIVERED),
            // Never a word: retried until maxQueueLifetime, then given up with 4.4.7 (RFC 3463 delivery time expired).
            new Fault("greeting-hang-always", "127.0.0.16", p -> p.script().on(Phase.GREETING).hang().always(), "4.4.7"),
            new Fault("rcpt-hang-once", "127.0.0.17", p -> p.script().on(Phase.RCPT).hang().once(), DELIVERED));
    }

    @BeforeAll
    static void start() {
        lab = MxLab.start();
        a = lab.postino("a")
            .editConf("mailetcontainer.xml", MxLab.routeByMx(
                "<retrySchedule>1s</retrySchedule><retryJitter>0</retryJitter><delayWarningAfter>0</delayWarningAfter>"
                    + "<maxQueueLifetime>20s</maxQueueLifetime><deadHostTime>0</deadHostTime>"
                    + "<connectTimeout>2s</connectTimeout><greetingTimeout>2s</greetingTimeout>"
                    + "<commandTimeout>2s</commandTimeout><dataInitTimeout>2s</dataInitTimeout>"
                    + "<dataBlockTimeout>2s</dataBlockTimeout><dataEndTimeout>2s</dataEndTimeout>"))
            .build().start();
        a.addUser("alice@a.test", "alice-secret");
        for (Fault fault : faults()) {
            lab.zone().mx(fault.domain(), 10, "mx." + fault.domain()).a("mx." + fault.domain(), fault.ip());
            ScriptedSmtpPeer peer = lab.peer(fault.ip());
            fault.script().accept(peer);
            peers.put(fault.name(), peer);
        }
        // The peer takes the message and says 250 only after our 2 s end-of-data timeout.
        lab.zone().mx("late-reply.test", 10, "mx.late-reply.test").a("mx.late-reply.test", "127.0.0.18");
        latePeer = lab.peer("127.0.0.18");
        latePeer.script().on(Phase.END_OF_DATA).delay(Duration.ofSeconds(4)).reply("250 2.0.0 taken, late").once();
        // Connection reset after the first line of the message; then an ordinary MX on the same address.
        lab.zone().mx("reset.test", 10, "mx.reset.test").a("mx.reset.test", "127.0.0.19");
        resetPeer = new MidDataResetPeer("127.0.0.19", lab.mxPort());
        afterReset = new ScriptedSmtpPeer(PeerOptions.builder().bind("127.0.0.19").port(lab.mxPort()).build());
        resetPeer.reset().thenRun(afterReset::start);
        // Strict about RFC 5321 §4.5.3.1.6: a line over 1000 octets gets 500 5.5.2 at the end of data.
        lab.zone().mx("strict.test", 10, "mx.strict.test").a("mx.strict.test", "127.0.0.20");
        strictPeer = lab.peer("127.0.0.20");
        // An MX whose name has no address at all.
        lab.zone().mx("void.test", 10, "mx.void.test");

        for (Fault fault : faults()) {
            send(fault.recipient(), fault.subject(), "fault body");
        }
        send("bob@late-reply.test", "fault late-reply", "taken twice?");
        send("bob@reset.test", "fault reset", String.join("\r\n", java.util.Collections.nCopies(2000, "a line of the message")));
        send("bob@void.test", "fault void", "no address");
    }

    @AfterAll
    static void stop() {
        if (a != null) {
            a.close();
        }
        if (resetPeer != null) {
            resetPeer.close();
            afterReset.close();
        }
        lab.close();
    }

    private static void send(String to, String subject, String body) {
        SmtpSession.submit(a.submissionPort(), "alice@a.test", "alice-secret", "alice@a.test", List.of(to),
            Messages.simple("alice@a.test", to, subject, body));
    }

    /** Failure DSNs in alice's INBOX about this subject, header continuation lines unfolded. */
    private static List<String> dsnsAbout(String subject) {
        return MailReader.imap(a.imapPort(), "alice@a.test", "alice-secret", "INBOX").stream()
            .filter(m -> m.contains("report-type=delivery-status") && m.contains("Subject: " + subject + "\r\n"))
            .map(m -> m.replaceAll("\r\n[ \t]+", " "))
            .collect(Collectors.toList());
    }

    static Stream<Fault> faultCases() {
        return faults().stream();
    }

    @Order(1)
    @ParameterizedTest(name = "{0}")
    @MethodSource("faultCases")
    void eachFaultEndsDeliveredOnceOrInOneDsn(Fault fault) {
        ScriptedSmtpPeer peer = peers.get(fault.name());
        if (fault.expected().equals(DELIVERED)) {
            List<RecordedMessage> got = peer.awaitMessages(1, WAIT);
            assertThat(got).hasSize(1);
            assertThat(got.get(0).recipientAddresses()).containsExactly(fault.recipient());
            assertThat(got.get(0).content()).contains("Subject: " + fault.subject());
        } else {
            String dsn = await().atMost(WAIT).until(() -> dsnsAbout(fault.subject()), l -> !l.isEmpty()).get(0);
            assertThat(dsn)
                .contains("Final-Recipient: rfc822; " + fault.recipient())
                .contains("Action: failed")
                .contains("Status: " + fault.expected());
            assertThat(peer.messages()).isEmpty();
        }
    }

    @Order(2)
    @Test
    void aConnectionResetInTheMiddleOfDataIsRetriedAndDeliveredOnce() {
        resetPeer.reset().join();
        // Our next attempts may meet a closed port until the ordinary peer listens there.
        List<RecordedMessage> got = afterReset.awaitMessages(1, WAIT);
        assertThat(got.get(0).content()).contains("Subject: fault reset").contains("a line of the message");
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> afterReset.messages().size() == 1);
        assertThat(dsnsAbout("fault reset")).isEmpty();
    }

    /**
     * RFC 5321 §6.1's one unavoidable duplicate: the MX took the message but its final reply came
     * after our end-of-data timeout, so we could not know, and sent it again. The window is
     * {@code dataEndTimeout} (10 minutes by default, RFC 5321 §4.5.3.2.6); here 2 s.
     */
    @Order(3)
    @Test
    void aFinalReplyLaterThanTheEndOfDataTimeoutIsTheOneDuplicateWindow() {
        ScriptedSmtpPeer late = latePeer;
        assertThat(late.awaitMessages(2, WAIT)).hasSize(2);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> late.messages().size() == 2);
        assertThat(dsnsAbout("fault late-reply")).isEmpty();
    }

    @Order(4)
    @Test
    void anMxWithoutAnyAddressGivesOneDsn5_4_4() {
        String dsn = await().atMost(WAIT).until(() -> dsnsAbout("fault void"), l -> !l.isEmpty()).get(0);
        assertThat(dsn).contains("Final-Recipient: rfc822; bob@void.test").contains("Status: 5.4.4");
    }

    @Order(5)
    @Test
    void dnsServfailIsRetriedAndDeliveredOnceItRecovers() {
        lab.zone().mx("flaky.test", 10, "mx.flaky.test").a("mx.flaky.test", "127.0.0.20");
        lab.zone().servfail("flaky.test");
        ScriptedSmtpPeer strict = strictPeer;
        send("bob@flaky.test", "fault servfail", "dns trouble");
        await().atMost(WAIT).until(() -> lab.zone().queries().stream()
            .filter(q -> q.equals(new DnsQuery("flaky.test", "MX"))).count() >= 2);
        lab.zone().clearServfail("flaky.test");
        await().atMost(WAIT).until(() -> strict.messagesFor("bob@flaky.test").size() == 1);
        assertThat(dsnsAbout("fault servfail")).isEmpty();
    }

    @Order(6)
    @Test
    void aLineLongerThan998OctetsIsFoldedSoAStrictMxTakesIt() {
        ScriptedSmtpPeer strict = strictPeer;
        String longWord = "x".repeat(2500);
        send("bob@strict.test", "fault long line", "before\n" + longWord + "\nafter");
        RecordedMessage got = await().atMost(WAIT).until(() -> strict.messagesFor("bob@strict.test"), l -> l.size() == 1).get(0);
        String content = got.content();
        assertThat(content.split("\r\n")).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(998));
        assertThat(content.replace("\r\n ", "")).contains("before\r\n" + longWord + "\r\nafter");
        assertThat(dsnsAbout("fault long line")).isEmpty();
    }

    @Order(7)
    @Test
    void afterAQuietMomentNothingWasDeliveredOrBouncedTwice() {
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            List<String> problems = new ArrayList<>();
            for (Fault fault : faults()) {
                int delivered = peers.get(fault.name()).messages().size();
                int dsns = dsnsAbout(fault.subject()).size();
                boolean ok = fault.expected().equals(DELIVERED) ? delivered == 1 && dsns == 0 : delivered == 0 && dsns == 1;
                if (!ok) {
                    problems.add(fault.name() + ": delivered " + delivered + ", DSNs " + dsns);
                }
            }
            assertThat(problems).isEmpty();
        });
    }
}
