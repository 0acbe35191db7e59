package dev.postino.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Properties;

import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.builder.MimeMessageBuilder;
import org.apache.james.server.core.MimeMessageWrapper;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.postino.config.ConfigException;
import dev.postino.config.PostinoProperties;
import dev.postino.deliverability.HostIdentity;

class CleanOutgoingHeadersTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path home;

    private HostIdentity host() {
        return new HostIdentity(home, PostinoProperties.load(home), "mx.a.test");
    }

    @Test
    void cleansAUsersSubmission() throws Exception {
        CleanOutgoingHeaders mailet = new CleanOutgoingHeaders(host(), CLOCK);
        mailet.init(FakeMailetConfig.builder().mailetName("CleanOutgoingHeaders").build());
        MimeMessage message = raw("Received: from laptop ([192.0.2.7])\r\n by mx.a.test (JAMES) with ESMTPSA ID 1;\r\n Fri, 27 Nov 2026\r\n"
            + "Received: from older.example ([198.51.100.1]) by x; Thu, 26 Nov 2026\r\n"
            + "From: alice@a.test\r\nTo: bob@b.test\r\nBcc: secret@c.test\r\nX-Spam-Status: No, score=0.1\r\n"
            + "X-Mailer: mutt\r\nSubject: hello\r\n\r\nbody\r\n");
        FakeMail mail = FakeMail.builder().name("m1").mimeMessage(message)
            .attribute(new Attribute(Mail.SMTP_AUTH_USER, AttributeValue.of("alice@a.test"))).build();

        mailet.service(mail);

        MimeMessage out = mail.getMessage();
        assertThat(out.getHeader("Bcc")).isNull();
        assertThat(out.getHeader("X-Spam-Status")).isNull();
        assertThat(out.getHeader("X-Mailer")).containsExactly("mutt");
        assertThat(out.getHeader("Received")).containsExactly(
            "by mx.a.test (JAMES) with ESMTPSA ID 1; Fri, 27 Nov 2026",
            "from older.example ([198.51.100.1]) by x; Thu, 26 Nov 2026");
        assertThat(out.getMessageID()).endsWith("@mx.a.test>");
        assertThat(out.getHeader("Date")).containsExactly("Fri, 27 Nov 2026 10:00:00 +0000");
    }

    /** As James holds a received message: its own MimeMessage class over the raw bytes. */
    private static MimeMessage raw(String text) throws Exception {
        return new MimeMessageWrapper(new MimeMessage(Session.getInstance(new Properties()),
            new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII))));
    }

    @Test
    void hideSubmitterAddressFalseKeepsTheReceivedHeader() throws Exception {
        CleanOutgoingHeaders mailet = new CleanOutgoingHeaders(host(), CLOCK);
        mailet.init(FakeMailetConfig.builder().mailetName("CleanOutgoingHeaders")
            .setProperty("hideSubmitterAddress", "false").build());
        MimeMessage message = MimeMessageBuilder.mimeMessageBuilder()
            .addHeader("Received", "from laptop ([192.0.2.7]) by mx.a.test; Fri, 27 Nov 2026")
            .setSubject("hello").setText("body").build();
        FakeMail mail = FakeMail.builder().name("m1").mimeMessage(message)
            .attribute(new Attribute(Mail.SMTP_AUTH_USER, AttributeValue.of("alice@a.test"))).build();

        mailet.service(mail);

        assertThat(mail.getMessage().getHeader("Received")).containsExactly("from laptop ([192.0.2.7]) by mx.a.test; Fri, 27 Nov 2026");
    }

    @Test
    void badParametersFailInit() {
        assertThatThrownBy(() -> new CleanOutgoingHeaders(host(), CLOCK).init(FakeMailetConfig.builder()
                .mailetName("CleanOutgoingHeaders").setProperty("hideSubmitterAddress", "yes").build()))
            .isInstanceOf(ConfigException.class).hasMessageContaining("hideSubmitterAddress='yes'");
        assertThatThrownBy(() -> new CleanOutgoingHeaders(host(), CLOCK).init(FakeMailetConfig.builder()
                .mailetName("CleanOutgoingHeaders").setProperty("hideSubmiterAddress", "true").build()))
            .isInstanceOf(ConfigException.class).hasMessageContaining("unknown key(s) [hideSubmiterAddress]");
        assertThatThrownBy(() -> new CompleteSubmission(host(), CLOCK).init(FakeMailetConfig.builder()
                .mailetName("CompleteSubmission").setProperty("domain", "x").build()))
            .isInstanceOf(ConfigException.class).hasMessageContaining("unknown key(s) [domain]");
    }
}
