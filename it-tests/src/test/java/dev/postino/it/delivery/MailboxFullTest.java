package dev.postino.it.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.postino.it.harness.Alice;
import dev.postino.it.harness.MailReader;
import dev.postino.it.harness.MxLab;
import dev.postino.it.harness.Messages;
import dev.postino.it.harness.PostinoJames;
import dev.postino.it.harness.SmtpReplyLines;
import dev.postino.it.harness.SmtpSession;
import dev.postino.it.harness.Webadmin;

// admin: PUT /quota/users/bob@a.test/size 100 → alice → A(587) → bob (full) + carol:
//   carol's INBOX has it, bob's stays empty, alice gets a failure DSN 5.2.2 "mailbox full" naming bob only,
//   nothing in the error repository; quota lifted → the next mail reaches bob.
// outsider → A(25) MAIL SIZE=5000 → RCPT dave (1000 octets allowed) → 452 4.2.2, carol → 250; no DSN from us;
//   no SIZE=, 3 KB for dave alone → 452 4.2.2 at the dot; dave's message count limit reached → RCPT dave → 452.
class MailboxFullTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String BOB = "bob@a.test";
    private static final String CAROL = "carol@a.test";
    private static final String DAVE = "dave@a.test";
    private static final String ERRORS = "/mailRepositories/var%2Fmail%2Ferror%2F/mails";
    private static MxLab lab;
    private static PostinoJames a;
    private static Alice alice;

    @BeforeAll
    static void start() {
        lab = MxLab.start();
        a = lab.postino("a").build().start();
        alice = new Alice(a);
        a.addUser(BOB, "bob-secret");
        a.addUser(CAROL, "carol-secret");
        a.addUser(DAVE, "dave-secret");
        a.webadmin().put("/address/groups/team@a.test/" + DAVE);
    }

    @AfterAll
    static void stop() {
        if (a != null) {
            a.close();
        }
        lab.close();
    }

    @Test
    void aFullMailboxBouncesAtOnceWithMailboxFullAndTheOtherRecipientsGetTheMail() {
        Webadmin.given(a).body("100").put("/quota/users/" + BOB + "/size").then().statusCode(204);

        alice.send("for a full mailbox", BOB, CAROL);

        String dsn = await().atMost(WAIT).until(() -> alice.dsnsAbout("for a full mailbox", "failed"), l -> !l.isEmpty())
            .get(0);
        assertThat(dsn).contains("Final-Recipient: rfc822; " + BOB)
            .contains("Status: 5.2.2")
            .contains("mailbox full")
            .doesNotContain("Final-Recipient: rfc822; " + CAROL);
        await().atMost(WAIT).until(() -> MailReader.imap(a.imapPort(), CAROL, "carol-secret", "INBOX").stream()
            .anyMatch(m -> m.contains("Subject: for a full mailbox")));
        assertThat(MailReader.imap(a.imapPort(), BOB, "bob-secret", "INBOX"))
            .noneMatch(m -> m.contains("Subject: for a full mailbox"));
        assertThat(a.webadmin().get(ERRORS)).isEqualTo("[]");

        Webadmin.given(a).delete("/quota/users/" + BOB + "/size").then().statusCode(204);
        alice.send("after the quota was lifted", BOB);

        await().atMost(WAIT).until(() -> MailReader.imap(a.imapPort(), BOB, "bob-secret", "INBOX").stream()
            .anyMatch(m -> m.contains("Subject: after the quota was lifted")));
        assertThat(alice.dsnsAbout("for a full mailbox")).hasSize(1);
    }

    @Test
    void theSendingServerIsToldAtRcptWhenTheMailboxCannotTakeTheMail() {
        Webadmin.given(a).body("1000").put("/quota/users/" + DAVE + "/size").then().statusCode(204);

        try (SmtpSession smtp = SmtpSession.plain(a.smtpPort())) {
            smtp.ehlo("mx.outside.test");
            assertThat(smtp.command("MAIL FROM:<x@outside.test> SIZE=5000").code()).isEqualTo(250);
            SmtpReplyLines refused = smtp.rcptTo(DAVE);
            assertThat(refused.code()).isEqualTo(452);
            assertThat(refused.text()).contains("4.2.2").contains("mailbox full").doesNotContain("1000");
            assertThat(smtp.rcptTo(CAROL).code()).isEqualTo(250);
            assertThat(smtp.data(Messages.simple("x@outside.test", CAROL, "dave had no room", "x")).code()).isEqualTo(250);
        }
        await().atMost(WAIT).until(() -> MailReader.imap(a.imapPort(), CAROL, "carol-secret", "INBOX").stream()
            .anyMatch(m -> m.contains("Subject: dave had no room")));

        // No SIZE= announced: the RCPT is taken, the message's own size is refused at its dot.
        try (SmtpSession smtp = SmtpSession.plain(a.smtpPort())) {
            smtp.ehlo("mx.outside.test");
            assertThat(smtp.mailFrom("x@outside.test").code()).isEqualTo(250);
            assertThat(smtp.rcptTo(DAVE).code()).isEqualTo(250);
            SmtpReplyLines refused = smtp.data(Messages.simple("x@outside.test", DAVE, "too big for dave", "x".repeat(3000)));
            assertThat(refused.code()).isEqualTo(452);
            assertThat(refused.text()).contains("4.2.2").contains("mailbox full");
        }

        // Room for a small one; then the count limit is what is full.
        Webadmin.given(a).body("1").put("/quota/users/" + DAVE + "/count").then().statusCode(204);
        try (SmtpSession smtp = SmtpSession.plain(a.smtpPort())) {
            smtp.ehlo("mx.outside.test");
            assertThat(smtp.mailFrom("x@outside.test").code()).isEqualTo(250);
            assertThat(smtp.rcptTo(DAVE).code()).isEqualTo(250);
            assertThat(smtp.data(Messages.simple("x@outside.test", DAVE, "a small one for dave", "x")).code())
                .isEqualTo(250);
        }
        await().atMost(WAIT).until(() -> MailReader.imap(a.imapPort(), DAVE, "dave-secret", "INBOX").stream()
            .anyMatch(m -> m.contains("Subject: a small one for dave")));
        try (SmtpSession smtp = SmtpSession.plain(a.smtpPort())) {
            smtp.ehlo("mx.outside.test");
            assertThat(smtp.mailFrom("x@outside.test").code()).isEqualTo(250);
            assertThat(smtp.rcptTo(DAVE).code()).isEqualTo(452);
            assertThat(smtp.rcptTo("team@a.test").code()).as("a group is checked member by member at delivery")
                .isEqualTo(250);
        }
        assertThat(a.webadmin().get(ERRORS)).isEqualTo("[]");
    }
}
