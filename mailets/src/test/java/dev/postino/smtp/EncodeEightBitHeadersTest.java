package dev.postino.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

import javax.mail.Session;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeMessage;
import javax.mail.internet.MimeUtility;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EncodeEightBitHeadersTest {
    private static MimeMessage serviced(String rawHeaders, Charset sent) throws Exception {
        byte[] raw = (rawHeaders + "\r\nSchöne Grüße\r\n").getBytes(sent);
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
        EncodeEightBitHeaders.encode(message);
        // What a mailbox or a peer gets: the header section written out again.
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        String written = out.toString(StandardCharsets.ISO_8859_1);
        String headerSection = written.substring(0, written.indexOf("\r\n\r\n"));
        assertThat(headerSection.chars()).as(headerSection).allMatch(c -> c < 0x80);
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(out.toByteArray()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"UTF-8", "windows-1252"})
    void subjectAndDisplayNameReadAsTheSenderWroteThem(String charset) throws Exception {
        MimeMessage read = serviced("From: Jörg Müller <joerg@outside.test>\r\nTo: \"Zoë\" <bob@a.test>, carol@a.test\r\n"
            + "Subject: Schöne Grüße aus Köln\r\nX-Note: très bien\r\n",
            Charset.forName(charset));

        assertThat(read.getSubject()).isEqualTo("Schöne Grüße aus Köln");
        assertThat(read.getHeader("Subject")[0]).contains(" aus ");
        InternetAddress from = (InternetAddress) read.getFrom()[0];
        assertThat(from.getPersonal()).isEqualTo("Jörg Müller");
        assertThat(from.getAddress()).isEqualTo("joerg@outside.test");
        assertThat(read.getHeader("To")[0]).contains("<bob@a.test>").contains("carol@a.test");
        assertThat(MimeUtility.decodeText(read.getHeader("X-Note")[0])).isEqualTo("très bien");
    }

    @Test
    void anAsciiMessageIsLeftAlone() throws Exception {
        MimeMessage read = serviced("From: Joerg <joerg@outside.test>\r\nSubject: =?UTF-8?Q?Gr=C3=BC=C3=9Fe?=\r\n",
            StandardCharsets.UTF_8);
        assertThat(read.getHeader("Subject")[0]).isEqualTo("=?UTF-8?Q?Gr=C3=BC=C3=9Fe?=");
        assertThat(read.getSubject()).isEqualTo("Grüße");
    }
}
