package dev.postino.it.deliverability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import org.apache.james.jdkim.DKIMSigner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.postino.it.harness.MailReader;
import dev.postino.it.harness.Messages;
import dev.postino.it.harness.MxLab;
import dev.postino.it.harness.PostinoJames;
import dev.postino.it.harness.SmtpSession;

// mallory (127.0.0.1) → a.test(25) as bank.test [SPF -all, DMARC p=reject, no DKIM] → bob's INBOX:
//   Authentication-Results: a.postino.test; spf=fail; dkim=none; dmarc=fail, spam report SPF_FAIL + DMARC_FAIL
// newsletter (127.0.0.1) → a.test(25) as good.test [DKIM-signed, SPF fail] → dkim=pass, dmarc=pass, no DMARC_FAIL
class InboundSenderAuthenticationTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static MxLab lab;
    private static PostinoJames a;

    @BeforeAll
    static void start() {
        lab = MxLab.start();
        lab.zone().txt("bank.test", "v=spf1 ip4:192.0.2.1 -all")
            .txt("_dmarc.bank.test", "v=DMARC1; p=reject; rua=mailto:dmarc@bank.test")
            .txt("good.test", "v=spf1 ip4:192.0.2.1 -all")
            .txt("_dmarc.good.test", "v=DMARC1; p=reject");
        a = lab.postino("a").build().start();
        a.addUser("bob@a.test", "bob-secret");
    }

    @AfterAll
    static void stop() {
        if (a != null) {
            a.close();
        }
        lab.close();
    }

    private static void sendFromOutside(String mailFrom, String message) {
        try (SmtpSession smtp = SmtpSession.plain(a.smtpPort())) {
            assertThat(smtp.ehlo("mx.elsewhere.test").code()).isEqualTo(250);
            assertThat(smtp.mailFrom(mailFrom).code()).isEqualTo(250);
            assertThat(smtp.rcptTo("bob@a.test").code()).isEqualTo(250);
            assertThat(smtp.data(message).code()).isEqualTo(250);
        }
    }

    private static String bobsMail(String subject) {
        List<String> inbox = await().atMost(WAIT).until(
            () -> MailReader.imap(a.imapPort(), "bob@a.test", "bob-secret", "INBOX"),
            l -> l.stream().anyMatch(m -> m.contains("Subject: " + subject + "\r\n")));
        return inbox.stream().filter(m -> m.contains("Subject: " + subject + "\r\n")).findFirst().orElseThrow()
            .replaceAll("\r\n[ \t]+", " ");
    }

    @Test
    void aDmarcFailingMailShowsDmarcFailAndItsSpamReportListsIt() {
        String forged = "Authentication-Results: a.postino.test; spf=pass; dkim=pass; dmarc=pass\r\n"
            + "Authentication-Results: mx.other.test; spf=pass smtp.mailfrom=bank.test\r\n";
        sendFromOutside("mallory@bank.test", forged + Messages.simple("security@bank.test", "bob@a.test", "verify your account",
            "Please confirm your details."));

        String mail = bobsMail("verify your account");

        assertThat(mail).contains("Authentication-Results: a.postino.test; spf=fail smtp.mailfrom=mallory@bank.test;"
            + " dkim=none; dmarc=fail (p=reject) header.from=bank.test");
        // The forged header claiming our authserv-id is gone; another server's is kept (RFC 8601 §5).
        assertThat(mail).doesNotContain("dmarc=pass").contains("Authentication-Results: mx.other.test; spf=pass");
        assertThat(mail).containsPattern("X-Spam-Status: \\w+, score=[0-9.]+ required=5\\.0 tests=[A-Z_,0-9]*DMARC_FAIL")
            .containsPattern("X-Spam-Report: .*DMARC_FAIL")
            .containsPattern("X-Spam-Report: .*SPF_FAIL");
    }

    @Test
    void aDkimSignedMailPassesDmarcThroughAlignedDkim() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair key = generator.generateKeyPair();
        lab.zone().txt("news._domainkey.good.test",
            "v=DKIM1; k=rsa; p=" + Base64.getEncoder().encodeToString(key.getPublic().getEncoded()));
        String message = Messages.simple("news@good.test", "bob@a.test", "monthly news", "All is well.");
        String signature = new DKIMSigner("v=1; a=rsa-sha256; c=relaxed/relaxed; d=good.test; s=news;"
            + " h=from:to:subject:date:message-id; bh=; b=;", key.getPrivate())
            .sign(new ByteArrayInputStream(message.getBytes(StandardCharsets.UTF_8)));
        sendFromOutside("bounces@good.test", signature + "\r\n" + message);

        String mail = bobsMail("monthly news");

        assertThat(mail).contains("Authentication-Results: a.postino.test; spf=fail smtp.mailfrom=bounces@good.test;"
            + " dkim=pass header.d=good.test header.s=news; dmarc=pass (p=reject) header.from=good.test");
        assertThat(mail).containsPattern("X-Spam-Report: .*SPF_FAIL").doesNotContain("DMARC_FAIL");
    }
}
