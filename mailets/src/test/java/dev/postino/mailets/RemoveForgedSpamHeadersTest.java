package dev.postino.mailets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.builder.MimeMessageBuilder;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.Test;

class RemoveForgedSpamHeadersTest {
    @Test
    void removesEveryXSpamHeaderAndKeepsTheRest() throws Exception {
        RemoveForgedSpamHeaders mailet = new RemoveForgedSpamHeaders();
        mailet.init(FakeMailetConfig.builder().mailetName("RemoveForgedSpamHeaders").build());
        MimeMessage message = MimeMessageBuilder.mimeMessageBuilder()
            .addHeader("X-Spam-Status", "No, score=-100")
            .addHeader("x-spam-flag", "NO")
            .addHeader("X-Mailer", "mutt")
            .setSubject("hello")
            .setText("body")
            .build();
        FakeMail mail = FakeMail.builder().name("m1").mimeMessage(message).build();

        mailet.service(mail);

        MimeMessage out = mail.getMessage();
        assertThat(out.getHeader("X-Spam-Status")).isNull();
        assertThat(out.getHeader("X-Spam-Flag")).isNull();
        assertThat(out.getHeader("X-Mailer")).containsExactly("mutt");
        assertThat(out.getSubject()).isEqualTo("hello");
    }

    @Test
    void stripsFromAMessageWhoseContentTypeJavaMailCannotParse() throws Exception {
        RemoveForgedSpamHeaders mailet = new RemoveForgedSpamHeaders();
        mailet.init(FakeMailetConfig.builder().mailetName("RemoveForgedSpamHeaders").build());
        String raw = "From: a@b.example\r\nX-Spam-Status: No, score=-100\r\nContent-Type: text/plain; charset\r\n\r\nbody\r\n";
        FakeMail mail = FakeMail.builder().name("m2").mimeMessage(new MimeMessage(Session.getInstance(new Properties()),
            new ByteArrayInputStream(raw.getBytes(StandardCharsets.US_ASCII)))).build();

        mailet.service(mail);

        assertThat(mail.getMessage().getHeader("X-Spam-Status")).isNull();
    }
}
