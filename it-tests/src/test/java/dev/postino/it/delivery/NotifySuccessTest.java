package dev.postino.it.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.postino.it.harness.Alice;
import dev.postino.it.harness.MailReader;
import dev.postino.it.harness.Messages;
import dev.postino.it.harness.MxLab;
import dev.postino.it.harness.PostinoJames;
import dev.postino.it.harness.SmtpSession;
import dev.postino.testing.peer.RecordedRecipient;
import dev.postino.testing.peer.ScriptedSmtpPeer;

// alice → A(587) NOTIFY=SUCCESS → MX without DSN: "relayed" DSN | MX with DSN: NOTIFY passed on, no DSN from us
//                               → bob@a.test's INBOX: "delivered" DSN;  NOTIFY=FAILURE: no success DSN
//                               → team@a.test (group: bob, carol): one "expanded" DSN naming team only
class NotifySuccessTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String BOB = "bob@a.test";
    private static final String BOB_PASSWORD = "bob-secret";
    private static final String CAROL = "carol@a.test";
    private static final String TEAM = "team@a.test";
    private static MxLab lab;
    private static PostinoJames a;
    private static Alice alice;
    private static ScriptedSmtpPeer mute;
    private static ScriptedSmtpPeer reporting;

    @BeforeAll
    static void start() {
        lab = MxLab.start();
        lab.zone().mx("mute.test", 10, "mx.mute.test").a("mx.mute.test", "127.0.0.2")
            .mx("reporting.test", 10, "mx.reporting.test").a("mx.reporting.test", "127.0.0.3");
        // RFC 3461: a server that does not advertise DSN cannot be handed NOTIFY.
        mute = lab.peer("127.0.0.2", o -> o.extensions("8BITMIME", "ENHANCEDSTATUSCODES"));
        reporting = lab.peer("127.0.0.3"); // advertises DSN
        a = lab.postino("a").build().start();
        alice = new Alice(a);
        a.addUser(BOB, BOB_PASSWORD);
        a.addUser(CAROL, "carol-secret");
        a.webadmin().put("/address/groups/" + TEAM + "/" + BOB);
        a.webadmin().put("/address/groups/" + TEAM + "/" + CAROL);
    }

    @AfterAll
    static void stop() {
        if (a != null) {
            a.close();
        }
        lab.close();
    }

    /** Submits on 587 with a NOTIFY value per recipient. */
    private static void send(String subject, Map<String, String> notifyByRecipient) {
        try (SmtpSession smtp = SmtpSession.authenticated(a.submissionPort(), Alice.ADDRESS, Alice.PASSWORD)) {
            assertThat(smtp.command("MAIL FROM:<" + Alice.ADDRESS + "> RET=FULL").code()).isEqualTo(250);
            notifyByRecipient.forEach((rcpt, notify) ->
                assertThat(smtp.command("RCPT TO:<" + rcpt + "> NOTIFY=" + notify).code()).isEqualTo(250));
            assertThat(smtp.data(Messages.simple(Alice.ADDRESS, String.join(", ", notifyByRecipient.keySet()), subject,
                "body of " + subject)).code()).isEqualTo(250);
        }
    }

    @Test
    void aServerThatCannotReportGetsItRelayedNoticeAndOneThatCanIsLeftToReport() {
        send("two next hops", new java.util.LinkedHashMap<>(Map.of(
            "carol@mute.test", "SUCCESS,FAILURE", "dave@reporting.test", "SUCCESS")));

        String dsn = await().atMost(WAIT).until(() -> alice.dsnsAbout("two next hops"), l -> !l.isEmpty()).get(0);
        assertThat(dsn).contains("Final-Recipient: rfc822; carol@mute.test")
            .contains("Action: relayed")
            .contains("Status: 2.0.0")
            .contains("Remote-MTA: dns; mx.mute.test")
            .containsPattern("Diagnostic-Code: smtp; 250[ -]")
            .contains("will not report further")
            .contains("Content-Type: text/rfc822-headers")
            .doesNotContain("body of two next hops")
            .doesNotContain("Will-Retry-Until")
            .as("dave's MX took NOTIFY=SUCCESS and reports itself").doesNotContain("dave@reporting.test>")
            .doesNotContain("Final-Recipient: rfc822; dave@reporting.test");
        assertThat(mute.messagesFor("carol@mute.test")).hasSize(1);
        List<RecordedRecipient> taken = reporting.messagesFor("dave@reporting.test").get(0).recipients();
        assertThat(taken).singleElement().satisfies(r -> assertThat(r.notifyParameter()).contains("SUCCESS"));
        assertThat(mute.connections().get(0).commands()).contains("RCPT TO:<carol@mute.test>");
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
            .until(() -> alice.dsnsAbout("two next hops").size() == 1);
    }

    @Test
    void aLocalRecipientWhoAskedGetsADeliveredNoticeAndTheMail() {
        send("for bob's mailbox", Map.of(BOB, "SUCCESS"));

        String dsn = await().atMost(WAIT).until(() -> alice.dsnsAbout("for bob's mailbox"), l -> !l.isEmpty()).get(0);
        assertThat(dsn).contains("Final-Recipient: rfc822; " + BOB)
            .contains("Action: delivered")
            .contains("Status: 2.0.0")
            .contains("Reporting-MTA: dns; a.postino.test")
            .contains("Content-Type: text/rfc822-headers")
            .doesNotContain("Will-Retry-Until");
        assertThat(MailReader.imap(a.imapPort(), BOB, BOB_PASSWORD, "INBOX"))
            .anySatisfy(m -> assertThat(m).contains("Subject: for bob's mailbox").contains("body of for bob's mailbox"));
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
            .until(() -> alice.dsnsAbout("for bob's mailbox").size() == 1);
    }

    @Test
    void notifyFailureOnlyBringsNoSuccessNotice() {
        send("failure only", new java.util.LinkedHashMap<>(Map.of(BOB, "FAILURE", "erin@mute.test", "FAILURE,DELAY")));

        await().atMost(WAIT).until(() -> mute.messagesFor("erin@mute.test").size() == 1
            && MailReader.imap(a.imapPort(), BOB, BOB_PASSWORD, "INBOX").stream()
                .anyMatch(m -> m.contains("Subject: failure only")));
        // A success notice would follow each delivery on the same thread; a later one that does
        // produce a notice marks the point by which it would have arrived.
        send("failure only, then a marker", Map.of(BOB, "SUCCESS"));
        await().atMost(WAIT).until(() -> alice.dsnsAbout("failure only, then a marker"), l -> !l.isEmpty());
        assertThat(alice.dsnsAbout("failure only")).allSatisfy(m -> assertThat(m).contains("then a marker"));
    }

    @Test
    void anAliasGetsOneExpandedNoticeAndItsMembersStayUnnamed() {
        send("for the team", Map.of(TEAM, "SUCCESS,FAILURE"));

        await().atMost(WAIT).until(() -> MailReader.imap(a.imapPort(), CAROL, "carol-secret", "INBOX").stream()
            .anyMatch(m -> m.contains("Subject: for the team")));
        String dsn = await().atMost(WAIT).until(() -> alice.dsnsAbout("for the team"), l -> !l.isEmpty()).get(0);
        assertThat(dsn).contains("Final-Recipient: rfc822; " + TEAM)
            .contains("Action: expanded")
            .contains("Status: 2.0.0")
            .doesNotContain(BOB).doesNotContain(CAROL);
        assertThat(MailReader.imap(a.imapPort(), BOB, BOB_PASSWORD, "INBOX"))
            .anySatisfy(m -> assertThat(m).contains("Subject: for the team"));
        // A member's "delivered" notice would name the member (RFC 3461 §6.2.7.3: they stay private).
        send("for the team, then a marker", Map.of(BOB, "SUCCESS"));
        await().atMost(WAIT).until(() -> alice.dsnsAbout("for the team, then a marker"), l -> !l.isEmpty());
        assertThat(alice.dsnsAbout("for the team")).hasSize(2)
            .filteredOn(m -> !m.contains("then a marker")).singleElement()
            .satisfies(m -> assertThat(m).doesNotContain(CAROL).doesNotContain("Final-Recipient: rfc822; " + BOB));
    }
}
