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

// outsider → a.test(25) [EHLO SIZE 26214400; MAIL SIZE=26214401 → 552 5.3.4; 30 MB DATA → 552 5.3.4] → nothing in bob's INBOX
class ShippedMessageSizeLimitTest {
    private static final long LIMIT = 25L * 1024 * 1024;
    private static PostinoJames james;

    @BeforeAll
    static void start() {
        james = PostinoJames.builder().name("size-shipped").dns(new ScriptedDnsService(new DnsZone())).build().start();
        james.addUser("bob@a.test", "bob-secret");
    }

    @AfterAll
    static void stop() {
        james.close();
    }

    @Test
    void everyPortAdvertisesTheLimitInEhlo() {
        try (SmtpSession mx = SmtpSession.plain(james.smtpPort());
             SmtpSession submission = SmtpSession.plain(james.submissionPort());
             SmtpSession submissions = SmtpSession.implicitTls(james.submissionsPort())) {
            assertThat(mx.ehlo("client.test").lines()).contains("SIZE " + LIMIT);
            assertThat(submission.ehlo("client.test").lines()).contains("SIZE " + LIMIT);
            submission.starttls();
            assertThat(submission.ehlo("client.test").lines()).contains("SIZE " + LIMIT);
            assertThat(submissions.ehlo("client.test").lines()).contains("SIZE " + LIMIT);
        }
    }

    @Test
    void aDeclaredSizeOverTheLimitIsRefusedAtMail() {
        try (SmtpSession smtp = SmtpSession.plain(james.smtpPort())) {
            smtp.ehlo("client.test");
            assertThat(smtp.command("MAIL FROM:<x@outside.test> SIZE=" + LIMIT).code()).isEqualTo(250);
            smtp.command("RSET");
            SmtpReplyLines reply = smtp.command("MAIL FROM:<x@outside.test> SIZE=" + (LIMIT + 1));
            assertThat(reply.code()).isEqualTo(552);
            assertThat(reply.text()).startsWith("5.3.4");
        }
    }

    @Test
    void thirtyMegabytesOfDataAreRefusedAtTheDotAndNothingIsDelivered() {
        String line = "x".repeat(998) + "\r\n";
        String big = line.repeat((int) (30L * 1024 * 1024 / line.length()));
        try (SmtpSession smtp = SmtpSession.plain(james.smtpPort())) {
            smtp.ehlo("client.test");
            assertThat(smtp.mailFrom("x@outside.test").code()).isEqualTo(250);
            assertThat(smtp.rcptTo("bob@a.test").code()).isEqualTo(250);
            SmtpReplyLines reply = smtp.data(Messages.simple("x@outside.test", "bob@a.test", "thirty megabytes", big));
            assertThat(reply.code()).isEqualTo(552);
            assertThat(reply.text()).startsWith("5.3.4");

            // The session goes on: a small mail after it is delivered, the big one never.
            assertThat(smtp.mailFrom("x@outside.test").code()).isEqualTo(250);
            assertThat(smtp.rcptTo("bob@a.test").code()).isEqualTo(250);
            assertThat(smtp.data(Messages.simple("x@outside.test", "bob@a.test", "small marker", "hi")).code()).isEqualTo(250);
        }
        List<String> inbox = await().atMost(Duration.ofSeconds(30)).until(
            () -> MailReader.imap(james.imapPort(), "bob@a.test", "bob-secret", "INBOX"),
            mails -> mails.stream().anyMatch(m -> m.contains("Subject: small marker")));
        assertThat(inbox).noneMatch(m -> m.contains("Subject: thirty megabytes"));
    }
}
