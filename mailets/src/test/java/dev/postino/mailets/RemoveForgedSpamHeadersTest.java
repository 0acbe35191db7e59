package dev.postino.mailets;

import static org.assertj.core.api.Assertions.assertThat;

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
}
