package dev.postino.it.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.postino.it.harness.Alice;
import dev.postino.it.harness.Messages;
import dev.postino.it.harness.MxLab;
import dev.postino.it.harness.PostinoJames;
import dev.postino.it.harness.SmtpReplyLines;
import dev.postino.it.harness.SmtpSession;
import dev.postino.testing.peer.Phase;
import dev.postino.testing.peer.RecordedMessage;
import dev.postino.testing.peer.ScriptedSmtpPeer;

// alice → A(587) → RouteByMx [retry every 1s] → scripted MX that says 451, 550 or 250 per recipient → DSNs in alice's INBOX
class RetryAndBounceTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static MxLab lab;
    private static PostinoJames a;
    private static Alice alice;

    @BeforeAll
    static void start() {
        lab = MxLab.start();
        a = lab.postino("a")
            .editConf("mailetcontainer.xml", MxLab.routeByMx(
                "<retrySchedule>1s</retrySchedule><delayWarningAfter>0</delayWarningAfter>"
                    + "<maxQueueLifetime>10m</maxQueueLifetime><deadHostTime>0</deadHostTime>"))
            .build().start();
        alice = new Alice(a);
    }

    @AfterAll
    static void stop() {
        if (a != null) {
            a.close();
        }
        lab.close();
    }

    private static ScriptedSmtpPeer mxFor(String domain, String ip) {
        lab.zone().mx(domain, 10, "mx." + domain).a("mx." + domain, ip);
        return lab.peer(ip);
    }

    @Test
    void twoTemporaryRefusalsThenDeliveredExactlyOnceWithoutDsn() {
        ScriptedSmtpPeer mx = mxFor("later.test", "127.0.0.2");
        mx.script().on(Phase.RCPT).reply("451 4.7.1 greylisted, try later").times(2);

        alice.send("greylisted", "bob@later.test");

        assertThat(mx.awaitMessages(1, WAIT)).hasSize(1);
        assertThat(mx.connections().stream().flatMap(c -> c.verbs().stream()).filter("RCPT"::equals).count())
            .isEqualTo(3);
        // Give a duplicate time to show up: the mail's next retry would be 1 s later.
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> mx.messages().size() == 1);
        assertThat(alice.dsnsAbout("greylisted")).isEmpty();
    }

    @Test
    void aPermanentRefusalGivesOneDsnWithTheRemotesWords() {
        ScriptedSmtpPeer mx = mxFor("gone.test", "127.0.0.3");
        mx.script().on(Phase.RCPT).reply("550 5.1.1 <bob@gone.test>: Recipient address rejected: User unknown").always();

        alice.send("to a gone user", "bob@gone.test");

        String dsn = await().atMost(WAIT).until(() -> alice.dsnsAbout("to a gone user"), l -> !l.isEmpty()).get(0);
        assertThat(dsn)
            .contains("From: Mail Delivery System <MAILER-DAEMON@a.postino.test>")
            .contains("Auto-Submitted: auto-replied")
            .containsPattern("Content-Type: multipart/report;\\s+report-type=delivery-status")
            .contains("Content-Type: message/delivery-status")
            .contains("Reporting-MTA: dns; a.postino.test")
            .contains("Final-Recipient: rfc822; bob@gone.test")
            .contains("Action: failed")
            .contains("Status: 5.1.1")
            .contains("Remote-MTA: dns; mx.gone.test")
            .contains("Diagnostic-Code: smtp; 550 5.1.1 <bob@gone.test>: Recipient address rejected: User unknown")
            .contains("Content-Type: text/rfc822-headers");
        assertThat(dsn).containsPattern("(?m)^Return-Path: <>");
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> alice.dsnsAbout("to a gone user").size() == 1);
        assertThat(mx.messages()).isEmpty();
    }

    @Test
    void threeRecipientsThreeFatesOneDsnNamingOnlyTheRefusedOne() {
        ScriptedSmtpPeer mx = mxFor("mixed.test", "127.0.0.4");
        mx.script().onRcpt("later@mixed.test").reply("451 4.2.1 mailbox busy").once();
        mx.script().onRcpt("gone@mixed.test").reply("550 5.1.1 no such user").always();

        alice.send("three fates", "now@mixed.test", "later@mixed.test", "gone@mixed.test");

        await().atMost(WAIT).until(() -> mx.messagesFor("later@mixed.test").size() == 1);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> mx.messages().size() == 2);
        assertThat(mx.messagesFor("now@mixed.test")).hasSize(1);
        assertThat(mx.messagesFor("later@mixed.test")).hasSize(1);
        List<RecordedMessage> all = mx.messages();
        assertThat(all.get(0).recipientAddresses()).containsExactly("now@mixed.test");
        assertThat(all.get(1).recipientAddresses()).containsExactly("later@mixed.test");
        String dsn = await().atMost(WAIT).until(() -> alice.dsnsAbout("three fates"), l -> !l.isEmpty()).get(0);
        assertThat(dsn).contains("Final-Recipient: rfc822; gone@mixed.test")
            .doesNotContain("Final-Recipient: rfc822; now@mixed.test")
            .doesNotContain("Final-Recipient: rfc822; later@mixed.test");
        assertThat(alice.dsnsAbout("three fates")).hasSize(1);
    }

    @Test
    void aBounceThatBouncesIsStoredNeverAnsweredWithAnotherBounce() {
        // carol@far.test → A(25) → bob@a.test forwards to bob@gone2.test → 550 → DSN from <> to carol
        // → far.test's MX refuses it too → stored in the double-bounce repository, no third mail.
        ScriptedSmtpPeer gone = mxFor("gone2.test", "127.0.0.5");
        gone.script().on(Phase.RCPT).reply("550 5.1.1 no such user").always();
        ScriptedSmtpPeer far = mxFor("far.test", "127.0.0.6");
        far.script().on(Phase.RCPT).reply("550 5.7.1 we do not take bounces").always();
        a.addUser("bob@a.test", "bob-secret");
        a.webadmin().put("/address/forwards/bob@a.test/targets/bob@gone2.test");

        try (SmtpSession smtp = SmtpSession.plain(a.smtpPort())) {
            smtp.ehlo("mx.far.test");
            assertThat(smtp.mailFrom("carol@far.test").code()).isEqualTo(250);
            assertThat(smtp.rcptTo("bob@a.test").code()).isEqualTo(250);
            assertThat(smtp.data(Messages.simple("carol@far.test", "bob@a.test", "forward me", "x")).code()).isEqualTo(250);
        }

        await().atMost(WAIT).until(() -> a.webadmin().get("/mailRepositories/" + DOUBLE_BOUNCE + "/mails"),
            body -> body.contains("\""));
        assertThat(gone.connectionCount()).isGreaterThanOrEqualTo(1);
        assertThat(far.connections()).anySatisfy(c -> assertThat(c.commands()).anyMatch(cmd -> cmd.startsWith("MAIL FROM:<>")));
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
            .until(() -> far.connections().stream().flatMap(c -> c.verbs().stream()).filter("MAIL"::equals).count() == 1);
    }

    @Test
    void notifyNeverSilencesTheDsnAndRetFullReturnsTheWholeMessage() {
        ScriptedSmtpPeer mx = mxFor("dsnparams.test", "127.0.0.7");
        mx.script().on(Phase.RCPT).reply("550 5.1.1 no such user").always();

        try (SmtpSession smtp = SmtpSession.plain(a.submissionPort())) {
            smtp.ehlo("client.test");
            smtp.starttls();
            assertThat(smtp.ehlo("client.test").advertises("DSN")).isTrue();
            assertThat(smtp.authPlain("alice@a.test", "alice-secret").code()).isEqualTo(235);
            assertThat(smtp.command("MAIL FROM:<alice@a.test> RET=FULL ENVID=QQ+2B314159").code()).isEqualTo(250);
            assertThat(smtp.command("RCPT TO:<quiet@dsnparams.test> NOTIFY=NEVER").code()).isEqualTo(250);
            assertThat(smtp.command("RCPT TO:<loud@dsnparams.test> NOTIFY=FAILURE ORCPT=rfc822;Loud@dsnparams.test")
                .code()).isEqualTo(250);
            assertThat(smtp.data(Messages.simple("alice@a.test", "quiet@dsnparams.test", "dsn parameters",
                "the body comes back with RET=FULL")).code()).isEqualTo(250);
        }

        String dsn = await().atMost(WAIT).until(() -> alice.dsnsAbout("dsn parameters"), l -> !l.isEmpty()).get(0);
        assertThat(dsn).contains("Final-Recipient: rfc822; loud@dsnparams.test")
            .contains("Original-Recipient: rfc822; Loud@dsnparams.test")
            .contains("Original-Envelope-Id: QQ+314159") // xtext-decoded (RFC 3461 §4.4)
            .contains("Content-Type: message/rfc822")
            .contains("the body comes back with RET=FULL")
            .doesNotContain("quiet@dsnparams.test>")
            .doesNotContain("Final-Recipient: rfc822; quiet@dsnparams.test");
        assertThat(mx.connections()).anySatisfy(c -> assertThat(c.commands())
            .anyMatch(cmd -> cmd.contains("NOTIFY=NEVER")));
        assertThat(mx.connections()).as("relayed still xtext-encoded").anySatisfy(c -> assertThat(c.commands())
            .anyMatch(cmd -> cmd.startsWith("MAIL FROM:<alice@a.test>") && cmd.contains("ENVID=QQ+2B314159")));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> alice.dsnsAbout("dsn parameters").size() == 1);
    }

    private static final String DOUBLE_BOUNCE = "var%2Fmail%2Fpostino-double-bounce";
}
