package dev.postino.it.spam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.postino.it.harness.MailReader;
import dev.postino.it.harness.Messages;
import dev.postino.it.harness.PostinoJames;
import dev.postino.it.harness.SmtpReplyLines;
import dev.postino.it.harness.SmtpSession;
import dev.postino.testing.dns.DnsZone;
import dev.postino.testing.dns.ScriptedDnsService;

// mallory → a.test(25) → [GTUBE: 550 5.7.1 at DATA] | [spammy: SpamCheck tags → bob's Junk] | [ham → bob's INBOX, X-Spam-Status: No]
class InboundSpamTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String GTUBE = "XJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X";
    private static PostinoJames james;

    @BeforeAll
    static void start() {
        james = PostinoJames.builder().name("a").dns(new ScriptedDnsService(new DnsZone()))
            .editConf("mailetcontainer.xml", TrainingCorpus.trainFrom(TrainingCorpus.write()))
            .build().start();
        james.addUser("bob@a.test", "bob-secret");
    }

    @AfterAll
    static void stop() {
        if (james != null) {
            james.close();
        }
    }

    private static SmtpReplyLines sendFromOutside(String message) {
        try (SmtpSession smtp = SmtpSession.plain(james.smtpPort())) {
            assertThat(smtp.ehlo("mx.evil.test").code()).isEqualTo(250);
            assertThat(smtp.mailFrom("mallory@evil.test").code()).isEqualTo(250);
            assertThat(smtp.rcptTo("bob@a.test").code()).isEqualTo(250);
            return smtp.data(message);
        }
    }

    private static List<String> bobs(String folder) {
        return MailReader.imap(james.imapPort(), "bob@a.test", "bob-secret", folder);
    }

    @Test
    void gtubeFromOutsideIsRefusedAtTheEndOfData() {
        SmtpReplyLines reply = sendFromOutside(Messages.simple("mallory@evil.test", "bob@a.test", "gtube",
            "Test message\n" + GTUBE + "\n"));

        assertThat(reply.code()).isEqualTo(550);
        assertThat(reply.toString()).contains("5.7.1");

        // Accepted mail is delivered within seconds; nothing with this subject ever arrives.
        sendFromOutside(Messages.simple("mallory@evil.test", "bob@a.test", "after gtube", "project meeting agenda"));
        await().atMost(WAIT).until(() -> bobs("INBOX"), l -> l.stream().anyMatch(m -> m.contains("Subject: after gtube")));
        assertThat(bobs("INBOX")).noneMatch(m -> m.contains("Subject: gtube\r\n"));
        assertThat(bobs("Junk")).noneMatch(m -> m.contains("Subject: gtube\r\n"));
    }

    @Test
    void spamBelowTheRejectThresholdIsFiledIntoJunkWithTheReasons() {
        SmtpReplyLines reply = sendFromOutside(Messages.simple("mallory@evil.test", "bob@a.test", "casino bonus",
            "cheap pills casino winner lottery jackpot claim your prize"));
        assertThat(reply.code()).isEqualTo(250);

        List<String> junk = await().atMost(WAIT).until(() -> bobs("Junk"),
            l -> l.stream().anyMatch(m -> m.contains("Subject: casino bonus")));
        String filed = junk.stream().filter(m -> m.contains("Subject: casino bonus")).findFirst().orElseThrow()
            .replaceAll("\r\n[ \t]+", " ");
        assertThat(filed)
            .containsPattern("X-Spam-Status: Yes, score=[0-9.]+ required=5.0 tests=BAYES_9999")
            .containsPattern("X-Spam-Score: [0-9.]+")
            .contains("X-Spam-Report:").contains("BAYES_9999 spam probability");
        assertThat(bobs("INBOX")).noneMatch(m -> m.contains("Subject: casino bonus"));
    }

    // mallory → a.test(25) → [Content-Type javax.mail cannot parse: "text/plain; charset", a multipart without its boundary]
    //   → scored like any mail: spammy → bob's Junk, ham → bob's INBOX tagged No (not passed on unscored, not parked)
    @ParameterizedTest
    @ValueSource(strings = {"text/plain; charset", "multipart/mixed; boundary=\"not-in-the-body\""})
    void aMailWithAContentTypeJavaMailCannotParseIsScoredAndDelivered(String contentType) {
        String spammy = "broken type spam " + contentType.length();
        String ham = "broken type ham " + contentType.length();
        assertThat(sendFromOutside(Messages.simple("mallory@evil.test", "bob@a.test", spammy,
            "cheap pills casino winner lottery jackpot claim your prize")
            .replace("text/plain; charset=UTF-8", contentType)).code()).isEqualTo(250);
        assertThat(sendFromOutside(Messages.simple("carol@work.test", "bob@a.test", ham,
            "agenda for the quarterly budget review, thanks team")
            .replace("text/plain; charset=UTF-8", contentType)).code()).isEqualTo(250);

        String junk = await().atMost(WAIT).until(() -> bobs("Junk"), l -> l.stream().anyMatch(m -> m.contains("Subject: " + spammy + "\r\n")))
            .stream().filter(m -> m.contains("Subject: " + spammy + "\r\n")).findFirst().orElseThrow();
        assertThat(junk).containsPattern("X-Spam-Status: Yes, score=");
        String inbox = await().atMost(WAIT).until(() -> bobs("INBOX"), l -> l.stream().anyMatch(m -> m.contains("Subject: " + ham + "\r\n")))
            .stream().filter(m -> m.contains("Subject: " + ham + "\r\n")).findFirst().orElseThrow();
        assertThat(inbox).contains("X-Spam-Status: No, score=");
    }

    @Test
    void hamGoesToTheInboxTaggedNoAndAForgedVerdictIsReplaced() {
        String message = Messages.simple("carol@work.test", "bob@a.test", "quarterly review",
            "agenda for the quarterly budget review, thanks team")
            .replace("MIME-Version", "X-Spam-Status: Yes, score=99 (forged)\r\nX-Spam-Flag: YES\r\nMIME-Version");
        assertThat(sendFromOutside(message).code()).isEqualTo(250);

        List<String> inbox = await().atMost(WAIT).until(() -> bobs("INBOX"),
            l -> l.stream().anyMatch(m -> m.contains("Subject: quarterly review")));
        String got = inbox.stream().filter(m -> m.contains("Subject: quarterly review")).findFirst().orElseThrow();
        assertThat(got).contains("X-Spam-Status: No, score=").contains("BAYES_00")
            .doesNotContain("score=99").doesNotContain("X-Spam-Flag");
    }
}
