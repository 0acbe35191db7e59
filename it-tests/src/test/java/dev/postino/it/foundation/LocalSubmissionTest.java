package dev.postino.it.foundation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.postino.testing.dns.DnsZone;
import dev.postino.testing.dns.ScriptedDnsService;
import dev.postino.it.harness.MailReader;
import dev.postino.it.harness.Messages;
import dev.postino.it.harness.PostinoJames;
import dev.postino.it.harness.SmtpSession;

// alice → a.test(587, STARTTLS + AUTH) → bob's INBOX on the same server, read over IMAP and POP3
class LocalSubmissionTest {
    private static PostinoJames james;

    @BeforeAll
    static void start() {
        james = PostinoJames.builder().name("a").dns(new ScriptedDnsService(new DnsZone())).build().start();
        james.addUser("alice@a.test", "alice-secret").addUser("bob@a.test", "bob-secret");
    }

    @AfterAll
    static void stop() {
        james.close();
    }

    @Test
    void bobReadsAlicesMailOverImapAndPop3WithHeadersAndBodyIntact() {
        String message = Messages.simple("alice@a.test", "bob@a.test", "Lunch on Friday?",
            "Hi Bob,\n.leading dot survives\nsee you at noon.\n")
            .replace("MIME-Version", "X-Spam-Status: No, score=-50 (forged by the sender)\r\nMIME-Version");

        SmtpSession.submit(james.submissionPort(), "alice@a.test", "alice-secret",
            "alice@a.test", List.of("bob@a.test"), message);

        List<String> imap = await().atMost(Duration.ofSeconds(30))
            .until(() -> MailReader.imap(james.imapPort(), "bob@a.test", "bob-secret", "INBOX"), l -> l.size() == 1);
        String received = imap.get(0);
        assertThat(received)
            .contains("Subject: Lunch on Friday?")
            .contains("From: alice@a.test")
            .contains("Hi Bob,\r\n.leading dot survives\r\nsee you at noon.")
            // The drop-in jar's RemoveForgedSpamHeaders ran: the sender's X-Spam-Status is gone,
            // and SpamCheck's own verdict is there instead.
            .doesNotContain("score=-50")
            .contains("X-Spam-Status: No");

        List<String> pop3 = MailReader.pop3(james.pop3Port(), "bob@a.test", "bob-secret");
        assertThat(pop3).hasSize(1);
        assertThat(pop3.get(0)).contains("Subject: Lunch on Friday?").contains("see you at noon.");

        assertThat(MailReader.imaps(james.imapsPort(), "bob@a.test", "bob-secret", "INBOX")).hasSize(1);
    }

    @Test
    void implicitTlsSubmissionOn465DeliversToo() {
        try (SmtpSession smtp = SmtpSession.implicitTls(james.submissionsPort())) {
            assertThat(smtp.isTls()).isTrue();
            assertThat(smtp.ehlo("client.test").advertises("AUTH")).isTrue();
            assertThat(smtp.authPlain("alice@a.test", "alice-secret").code()).isEqualTo(235);
            assertThat(smtp.mailFrom("alice@a.test").code()).isEqualTo(250);
            assertThat(smtp.rcptTo("alice@a.test").code()).isEqualTo(250);
            assertThat(smtp.data(Messages.simple("alice@a.test", "alice@a.test", "note to self", "465 works")).code())
                .isEqualTo(250);
        }
        await().atMost(Duration.ofSeconds(30))
            .until(() -> MailReader.imap(james.imapPort(), "alice@a.test", "alice-secret", "INBOX"),
                l -> l.stream().anyMatch(m -> m.contains("Subject: note to self")));
    }
}
