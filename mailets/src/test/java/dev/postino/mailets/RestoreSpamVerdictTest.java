package dev.postino.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.Test;

import dev.postino.config.ConfigException;
import dev.postino.matchers.SpamAttributes;

class RestoreSpamVerdictTest {
    private static RestoreSpamVerdict mailet() throws MessagingException {
        RestoreSpamVerdict mailet = new RestoreSpamVerdict();
        mailet.init(FakeMailetConfig.builder().mailetName("RestoreSpamVerdict").build());
        return mailet;
    }

    /** The copy James's RedirectAction sends: named redirect-…, marked sent by a mailet, no other attribute. */
    private static FakeMail redirectCopy(String spamHeaders) throws Exception {
        String raw = "From: mallory@evil.test\r\nTo: bob@a.test\r\nSubject: pills\r\n" + spamHeaders + "\r\ncheap pills\r\n";
        FakeMail mail = FakeMail.builder().name("redirect-Mail1-x").sender("mallory@evil.test").recipient("carol@a.test")
            .mimeMessage(new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(raw.getBytes(StandardCharsets.US_ASCII)))).build();
        mail.setAttribute(Mail.SENT_BY_MAILET_ATTRIBUTE);
        return mail;
    }

    @Test
    void theCopyKeepsTheVerdictOurCheckWroteOnTheOriginal() throws Exception {
        FakeMail spam = redirectCopy("X-Spam-Score: 6.0\r\nX-Spam-Level: ******\r\n"
            + "X-Spam-Status: Yes, score=6.0 required=5.0\r\n tests=DNSBL_ZEN_EXAMPLE_TEST\r\nX-Spam-Report:\r\n *   6.0 DNSBL\r\n");
        FakeMail ham = redirectCopy("X-Spam-Score: -4.0\r\nX-Spam-Status: No, score=-4.0 required=5.0 tests=BAYES_00\r\n");

        mailet().service(spam);
        mailet().service(ham);

        assertThat(SpamAttributes.isJudgedSpam(spam)).isTrue();
        assertThat(SpamAttributes.score(spam)).contains(6.0);
        assertThat(SpamAttributes.string(spam, SpamAttributes.STATUS))
            .contains("Yes, score=6.0 required=5.0 tests=DNSBL_ZEN_EXAMPLE_TEST");
        assertThat(spam.getMessage().getHeader("X-Spam-Level")).containsExactly("******");
        assertThat(spam.getMessage().getHeader("X-Spam-Report")).hasSize(1);
        assertThat(SpamAttributes.isJudgedSpam(ham)).isFalse();
        assertThat(SpamAttributes.score(ham)).contains(-4.0);
    }

    @Test
    void aCopyOfAnUnscoredMailStaysUnscored() throws Exception {
        FakeMail mail = redirectCopy("");

        mailet().service(mail);

        assertThat(SpamAttributes.score(mail)).isEmpty();
        assertThat(SpamAttributes.isJudgedSpam(mail)).isFalse();
    }

    @Test
    void headersOurCheckDidNotWriteAreRemovedAndNothingIsTrusted() throws Exception {
        FakeMail mail = redirectCopy("X-Spam-Status: Yes, hits=99 required=5\r\nX-Spam-Flag: YES\r\n");

        mailet().service(mail);

        assertThat(SpamAttributes.score(mail)).isEmpty();
        assertThat(SpamAttributes.isJudgedSpam(mail)).isFalse();
        assertThat(mail.getMessage().getHeader("X-Spam-Status")).isNull();
        assertThat(mail.getMessage().getHeader("X-Spam-Flag")).isNull();
        assertThat(mail.getMessage().getSubject()).isEqualTo("pills");
    }

    @Test
    void aParameterFailsInit() {
        assertThatThrownBy(() -> new RestoreSpamVerdict().init(FakeMailetConfig.builder().mailetName("RestoreSpamVerdict")
            .setProperty("trust", "all").build()))
            .isInstanceOf(ConfigException.class).hasMessageContaining("unknown key(s) [trust]");
    }
}
