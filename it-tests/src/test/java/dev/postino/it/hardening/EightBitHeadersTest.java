package dev.postino.it.hardening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import javax.mail.Session;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.postino.it.harness.Alice;
import dev.postino.it.harness.MailReader;
import dev.postino.it.harness.MxLab;
import dev.postino.it.harness.PostinoJames;
import dev.postino.it.harness.RawSmtpClient;
import dev.postino.testing.peer.RecordedMessage;
import dev.postino.testing.peer.ScriptedSmtpPeer;

// alice → a.test(587) [raw UTF-8 Subject and From name] → MX b.test gets a 7-bit header section that decodes to them
// stranger → a.test(25) [raw windows-1252 Subject and From name] → bob reads them over IMAP
class EightBitHeadersTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static MxLab lab;
    private static PostinoJames a;
    private static Alice alice;

    @BeforeAll
    static void start() {
        lab = MxLab.start();
        lab.zone().mx("b.test", 10, "mx.b.test").a("mx.b.test", "127.0.0.2");
        a = lab.postino("a").build().start();
        alice = new Alice(a);
        a.addUser("bob@a.test", "bob-secret");
    }

    @AfterAll
    static void stop() {
        if (a != null) {
            a.close();
        }
        lab.close();
    }

    private static MimeMessage parse(byte[] message) throws Exception {
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(message));
    }

    private static void assertSevenBitHeaders(byte[] message) {
        String text = new String(message, StandardCharsets.ISO_8859_1);
        String headers = text.substring(0, text.indexOf("\r\n\r\n"));
        assertThat(headers.chars()).as(headers).allMatch(c -> c < 0x80);
    }

    @Test
    void aRelayedMessageReachesThePeerWithEncodedWords() throws Exception {
        ScriptedSmtpPeer mx = lab.peer("127.0.0.2");
        String id = UUID.randomUUID().toString();
        String message = "From: Älice Ünderwood <alice@a.test>\r\nTo: bob@b.test\r\nSubject: Grüße aus Köln " + id
            + "\r\nMessage-ID: <" + id + "@a.test>\r\n\r\nSchöne Grüße\r\n";
        // The harness's client writes each char as one octet: hand it the UTF-8 octets.
        alice.sendRaw(List.of("bob@b.test"), new String(message.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1));

        RecordedMessage got = mx.awaitMessages(1, WAIT).get(0);
        assertSevenBitHeaders(got.data());
        MimeMessage read = parse(got.data());
        assertThat(read.getSubject()).isEqualTo("Grüße aus Köln " + id);
        InternetAddress from = (InternetAddress) read.getFrom()[0];
        assertThat(from.getPersonal()).isEqualTo("Älice Ünderwood");
        assertThat(from.getAddress()).isEqualTo("alice@a.test");
        assertThat(got.content()).contains("Schöne Grüße");
    }

    @Test
    void windows1252HeadersFromAnOlderClientAreReadAsWindows1252() throws Exception {
        String id = UUID.randomUUID().toString();
        Charset cp1252 = Charset.forName("windows-1252");
        try (RawSmtpClient smtp = RawSmtpClient.connect(a.smtpPort())) {
            assertThat(smtp.reply().code()).isEqualTo(220);
            assertThat(smtp.command("EHLO old.outside.test").code()).isEqualTo(250);
            assertThat(smtp.command("MAIL FROM:<zoe@outside.test>").code()).isEqualTo(250);
            assertThat(smtp.command("RCPT TO:<bob@a.test>").code()).isEqualTo(250);
            assertThat(smtp.command("DATA").code()).isEqualTo(354);
            smtp.send(("From: Zoë Noël <zoe@outside.test>\r\nTo: bob@a.test\r\nSubject: “Grüße” – 5 € " + id
                + "\r\n\r\nbody\r\n.\r\n").getBytes(cp1252));
            assertThat(smtp.reply().code()).isEqualTo(250);
        }
        String received = await().atMost(WAIT).until(
            () -> MailReader.imap(a.imapPort(), "bob@a.test", "bob-secret", "INBOX"),
            inbox -> inbox.stream().anyMatch(m -> m.contains(id))).stream().filter(m -> m.contains(id)).findFirst().orElseThrow();
        byte[] octets = received.getBytes(StandardCharsets.UTF_8);
        assertSevenBitHeaders(octets);
        MimeMessage read = parse(octets);
        assertThat(read.getSubject()).isEqualTo("“Grüße” – 5 € " + id);
        assertThat(((InternetAddress) read.getFrom()[0]).getPersonal()).isEqualTo("Zoë Noël");
    }
}
