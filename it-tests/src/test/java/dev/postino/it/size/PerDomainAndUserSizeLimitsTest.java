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
import dev.postino.it.harness.PostinoJames;
import dev.postino.it.harness.SmtpReplyLines;
import dev.postino.it.harness.SmtpSession;
import dev.postino.testing.dns.DnsZone;
import dev.postino.testing.dns.ScriptedDnsService;

// outsider → (25) and alice/ceo → (587) with size.* limits: global 1M, a.test senders 200K, ceo 2M,
// b.test recipients 100K, big@b.test 3M → 552 5.3.4 at MAIL / at one RCPT / at the dot, or DSN 5.3.4 to alice
class PerDomainAndUserSizeLimitsTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static PostinoJames james;

    @BeforeAll
    static void start() {
        james = PostinoJames.builder().name("size-limits").dns(new ScriptedDnsService(new DnsZone()))
            .confFile("postino.properties", "size.limit=1M\n"
                + "size.limit.submission.domain.a.test=200K\n"
                + "size.limit.submission.user.ceo@a.test=2M\n"
                + "size.limit.inbound.domain.b.test=100K\n"
                + "size.limit.inbound.user.big@b.test=3M\n")
            .build().start();
        james.addUser("alice@a.test", "alice-secret").addUser("ceo@a.test", "ceo-secret")
            .addUser("bob@b.test", "bob-secret").addUser("big@b.test", "big-secret").addUser("carol@c.test", "carol-secret");
    }

    @AfterAll
    static void stop() {
        james.close();
    }

    @Test
    void anOutsidersDeclaredSizeOverEveryLimitIsRefusedAtMail() {
        try (SmtpSession smtp = SmtpSession.plain(james.smtpPort())) {
            smtp.ehlo("mx.outside.test");
            assertThat(smtp.command("MAIL FROM:<x@outside.test> SIZE=" + 3 * 1024 * 1024).code()).isEqualTo(250);
            smtp.command("RSET");
            SmtpReplyLines reply = smtp.command("MAIL FROM:<x@outside.test> SIZE=" + (3 * 1024 * 1024 + 1));
            assertThat(reply.code()).isEqualTo(552);
            assertThat(reply.text()).startsWith("5.3.4");
        }
    }

    @Test
    void aRecipientWhoseLimitIsExceededIsRefusedAndTheOtherGetsTheMail() {
        String body = body(150_000);
        try (SmtpSession smtp = SmtpSession.plain(james.smtpPort())) {
            smtp.ehlo("mx.outside.test");
            assertThat(smtp.command("MAIL FROM:<x@outside.test> SIZE=" + (body.length() + 400)).code()).isEqualTo(250);
            SmtpReplyLines bob = smtp.rcptTo("bob@b.test");
            assertThat(bob.code()).isEqualTo(552);
            assertThat(bob.text()).startsWith("5.3.4");
            assertThat(smtp.rcptTo("carol@c.test").code()).isEqualTo(250);
            assertThat(smtp.rcptTo("big@b.test").code()).as("big@b.test's own limit is over its domain's").isEqualTo(250);
            assertThat(smtp.data(Messages.simple("x@outside.test", "bob@b.test, carol@c.test, big@b.test",
                "per recipient", body)).code()).isEqualTo(250);
        }
        awaitMail("carol@c.test", "carol-secret", "per recipient");
        awaitMail("big@b.test", "big-secret", "per recipient");
        assertThat(MailReader.imap(james.imapPort(), "bob@b.test", "bob-secret", "INBOX"))
            .noneMatch(m -> m.contains("Subject: per recipient"));
    }

    @Test
    void anAuthenticatedUserOverTheirSubmissionLimitIsRefusedAtMail() {
        try (SmtpSession smtp = submission("alice@a.test", "alice-secret")) {
            assertThat(smtp.command("MAIL FROM:<alice@a.test> SIZE=" + 200 * 1024).code()).isEqualTo(250);
            smtp.command("RSET");
            SmtpReplyLines reply = smtp.command("MAIL FROM:<alice@a.test> SIZE=" + (200 * 1024 + 1));
            assertThat(reply.code()).isEqualTo(552);
            assertThat(reply.text()).startsWith("5.3.4");
        }
        try (SmtpSession smtp = submission("ceo@a.test", "ceo-secret")) {
            assertThat(smtp.command("MAIL FROM:<ceo@a.test> SIZE=" + 2 * 1024 * 1024).code())
                .as("ceo's own limit is over the domain's and the global one").isEqualTo(250);
        }
    }

    @Test
    void anOutsiderWithoutSizeIsRefusedAtTheDotWhenTooBigForAnyRecipient() {
        try (SmtpSession smtp = SmtpSession.plain(james.smtpPort())) {
            smtp.ehlo("mx.outside.test");
            assertThat(smtp.mailFrom("x@outside.test").code()).isEqualTo(250);
            assertThat(smtp.rcptTo("bob@b.test").code()).isEqualTo(250);
            assertThat(smtp.rcptTo("carol@c.test").code()).isEqualTo(250);
            SmtpReplyLines reply = smtp.data(Messages.simple("x@outside.test", "bob@b.test, carol@c.test",
                "undeclared", body(150_000)));
            assertThat(reply.code()).isEqualTo(552);
            assertThat(reply.text()).startsWith("5.3.4");

            assertThat(smtp.mailFrom("x@outside.test").code()).isEqualTo(250);
            assertThat(smtp.rcptTo("carol@c.test").code()).isEqualTo(250);
            SmtpReplyLines global = smtp.data(Messages.simple("x@outside.test", "carol@c.test", "over the global limit",
                body(1_500_000)));
            assertThat(global.code()).as("1.5 MB over the global 1M").isEqualTo(552);
            assertThat(global.text()).startsWith("5.3.4");

            assertThat(smtp.mailFrom("x@outside.test").code()).isEqualTo(250);
            assertThat(smtp.rcptTo("carol@c.test").code()).isEqualTo(250);
            assertThat(smtp.data(Messages.simple("x@outside.test", "carol@c.test", "undeclared marker", "hi")).code())
                .isEqualTo(250);
        }
        List<String> carol = awaitMail("carol@c.test", "carol-secret", "undeclared marker");
        assertThat(carol).noneMatch(m -> m.contains("Subject: undeclared\r\n") || m.contains("over the global limit"));
    }

    @Test
    void anAuthenticatedSenderWithoutSizeGetsADsnForTheRecipientsItIsTooBigFor() {
        try (SmtpSession smtp = submission("alice@a.test", "alice-secret")) {
            assertThat(smtp.mailFrom("alice@a.test").code()).isEqualTo(250);
            assertThat(smtp.rcptTo("bob@b.test").code()).isEqualTo(250);
            assertThat(smtp.rcptTo("carol@c.test").code()).isEqualTo(250);
            assertThat(smtp.data(Messages.simple("alice@a.test", "bob@b.test, carol@c.test", "partly too big",
                body(150_000))).code()).as("fits carol: accepted, bob gets nothing, alice a DSN").isEqualTo(250);
        }
        awaitMail("carol@c.test", "carol-secret", "partly too big");
        String dsn = await().atMost(WAIT).until(
            () -> MailReader.imap(james.imapPort(), "alice@a.test", "alice-secret", "INBOX").stream()
                .filter(m -> m.contains("report-type=delivery-status") && m.contains("Subject: partly too big"))
                .findFirst(), java.util.Optional::isPresent).get().replaceAll("\r\n[ \t]+", " ");
        assertThat(dsn).contains("Action: failed").contains("Status: 5.3.4")
            .contains("Final-Recipient: rfc822; bob@b.test")
            .doesNotContain("Final-Recipient: rfc822; carol@c.test")
            .contains("exceeds the limit of 102.4 kB for mail to bob@b.test");
        assertThat(MailReader.imap(james.imapPort(), "bob@b.test", "bob-secret", "INBOX"))
            .noneMatch(m -> m.contains("Subject: partly too big"));
    }

    /** About {@code bytes} of text in 100-byte lines (SMTP lines are at most 1000 bytes, RFC 5321 §4.5.3.1.6). */
    private static String body(int bytes) {
        return ("x".repeat(98) + "\r\n").repeat(bytes / 100);
    }

    private static SmtpSession submission(String user, String password) {
        SmtpSession smtp = SmtpSession.plain(james.submissionPort());
        smtp.ehlo("client.test");
        smtp.starttls();
        smtp.ehlo("client.test");
        assertThat(smtp.authPlain(user, password).code()).isEqualTo(235);
        return smtp;
    }

    private static List<String> awaitMail(String user, String password, String subject) {
        return await().atMost(WAIT).until(() -> MailReader.imap(james.imapPort(), user, password, "INBOX"),
            mails -> mails.stream().anyMatch(m -> m.contains("Subject: " + subject)));
    }
}
