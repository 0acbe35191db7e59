package dev.postino.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import javax.mail.internet.MimeMessage;

import org.apache.james.server.core.MailImpl;
import org.apache.james.server.core.MimeMessageInputStreamSource;
import org.apache.james.server.core.MimeMessageWrapper;
import org.apache.mailet.Mail;
import org.junit.jupiter.api.Test;

class MessageSizeTest {
    private static final String STORED = "Received: from client.test by a.test;\r\n"
        + "\tFri, 27 Nov 2026 05:00:00 +0000\r\n"
        + "From: alice@a.test\r\n"
        + "To: bob@b.test\r\n"
        + "Subject: hello\r\n"
        + "\r\n"
        + "line one\r\n"
        + "line two\r\n";

    @Test
    void aStoredMessageIsItsStoredSize() throws Exception {
        Mail mail = stored(STORED);

        assertThat(MessageSize.of(mail)).isEqualTo(STORED.length()).isEqualTo(written(mail));
    }

    @Test
    void aMessageWithChangedHeadersIsTheSizeItWillBeSentWith() throws Exception {
        Mail mail = stored(STORED);
        mail.getMessage().addHeader("X-Spam-Status", "No, score=0.1 required=5.0\r\n\ttests=DATE_MISSING_ZONE");
        mail.getMessage().removeHeader("Subject");
        mail.getMessage().setHeader("X-Spam-Score", "0.1");
        mail.getMessage().saveChanges(); // as our mailets do after a change

        assertThat(MessageSize.of(mail)).isEqualTo(written(mail)).isEqualTo(mail.getMessageSize());
    }

    @Test
    void anEightBitHeaderCountsItsOctetsNotItsCharacters() throws Exception {
        Mail mail = stored(STORED);
        mail.getMessage().setHeader("Subject", "caf\u00e9 \u20ac");
        mail.getMessage().saveChanges();

        assertThat(MessageSize.of(mail)).isGreaterThanOrEqualTo(written(mail));
        assertThat(MessageSize.of(mail)).isGreaterThan(mail.getMessageSize()); // James counts characters
    }

    @Test
    void aChangedBodyIsLeftToJames() throws Exception {
        Mail mail = stored(STORED);
        mail.getMessage().setText("a new body");
        mail.getMessage().saveChanges();

        assertThat(MessageSize.of(mail)).isEqualTo(mail.getMessageSize());
    }

    private static Mail stored(String raw) throws Exception {
        MimeMessage message = new MimeMessageWrapper(MimeMessageInputStreamSource.create("m1",
            new ByteArrayInputStream(raw.getBytes(StandardCharsets.US_ASCII))));
        return MailImpl.builder().name("m1").sender("alice@a.test").addRecipient("bob@b.test").mimeMessage(message).build();
    }

    private static long written(Mail mail) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        mail.getMessage().writeTo(out);
        return out.size();
    }
}
