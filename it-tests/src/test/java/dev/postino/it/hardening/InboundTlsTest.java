package dev.postino.it.hardening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.postino.it.harness.MailReader;
import dev.postino.it.harness.Messages;
import dev.postino.it.harness.PostinoJames;
import dev.postino.it.harness.SmtpSession;
import dev.postino.it.harness.TrustAllTls;
import dev.postino.testing.dns.DnsZone;
import dev.postino.testing.dns.ScriptedDnsService;

// MX mx.example.net → a.test(25) EHLO [STARTTLS offered] → STARTTLS → AUTH 503 → mail 250 → bob's INBOX;
// attacker → 25/587/143/110 "STARTTLS + a command in the same packet" → the command never runs
class InboundTlsTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static PostinoJames james;

    @BeforeAll
    static void start() {
        james = PostinoJames.builder().name("inboundtls").dns(new ScriptedDnsService(new DnsZone())).build().start();
        james.addUser("bob@a.test", "bob-secret");
    }

    @AfterAll
    static void stop() {
        if (james != null) {
            james.close();
        }
    }

    @Test
    void port25OffersStarttlsAndTakesMailOverIt() {
        try (SmtpSession smtp = SmtpSession.plain(james.smtpPort())) {
            assertThat(smtp.ehlo("mx.example.net").advertises("STARTTLS")).as("EHLO on port 25 offers STARTTLS").isTrue();
            assertThat(smtp.starttls().code()).isEqualTo(220);
            assertThat(smtp.isTls()).isTrue();
            var ehlo = smtp.ehlo("mx.example.net");
            assertThat(ehlo.code()).isEqualTo(250);
            assertThat(ehlo.advertises("STARTTLS")).as("not offered twice").isFalse();
            assertThat(ehlo.advertises("AUTH")).as("no AUTH on port 25, even over TLS").isFalse();
            assertThat(smtp.command("AUTH PLAIN AGJvYkBhLnRlc3QAYm9iLXNlY3JldA==").code()).isEqualTo(503);
            assertThat(smtp.mailFrom("carol@example.net").code()).isEqualTo(250);
            assertThat(smtp.rcptTo("bob@a.test").code()).isEqualTo(250);
            assertThat(smtp.data(Messages.simple("carol@example.net", "bob@a.test", "over TLS on 25", "hello")).code())
                .isEqualTo(250);
        }
        await().atMost(WAIT).untilAsserted(() -> assertThat(MailReader.imap(james.imapPort(), "bob@a.test", "bob-secret", "INBOX"))
            .anyMatch(message -> message.contains("Subject: over TLS on 25")));
    }

    /**
     * CVE-2011-0411 class: what a man in the middle appends to the client's STARTTLS, in the same
     * packet, must not run inside the encrypted session. {@code injected} answers {@code answer} if it ran.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "smtp 25         | EHLO x          | STARTTLS   | NOOP     | 250",
        "submission 587  | EHLO x          | STARTTLS   | NOOP     | 250",
        "imap 143        |                 | a STARTTLS | b NOOP   | b OK",
        "pop3 110        |                 | STLS       | NOOP     | +OK",
    })
    void aCommandPipelinedAfterStarttlsNeverRuns(String listener, String hello, String starttls, String injected,
                                                 String answer) throws IOException {
        int port = port(listener);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            socket.setSoTimeout(2_000);
            InputStream in = socket.getInputStream();
            readAvailable(in);
            if (hello != null) {
                socket.getOutputStream().write((hello + "\r\n").getBytes(StandardCharsets.US_ASCII));
                await().atMost(WAIT).until(() -> !readAvailable(in).isEmpty());
            }
            socket.getOutputStream().write((starttls + "\r\n" + injected + "\r\n").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            List<String> clear = readAvailable(in);
            List<String> encrypted = new ArrayList<>();
            if (clear.stream().anyMatch(line -> line.startsWith("220") || line.startsWith("a OK") || line.startsWith("+OK"))) {
                try (SSLSocket tls = TrustAllTls.handshake(socket, port, false)) {
                    tls.setSoTimeout(2_000);
                    encrypted.addAll(readAvailable(tls.getInputStream()));
                } catch (IOException handshakeRefused) {
                    // the server closed rather than start TLS with data pending: nothing ran
                }
            }
            System.out.println(listener + ": clear " + clear + ", after the handshake " + encrypted);
            assertThat(encrypted).as("%s ran the injected command inside TLS", listener).noneMatch(line -> line.startsWith(answer));
            assertThat(clear.stream().filter(line -> line.startsWith(answer)).count())
                .as("%s: only the STARTTLS answer, if any, in clear: %s", listener, clear)
                .isLessThanOrEqualTo(answer.equals("+OK") ? 1 : 0);
        }
    }

    private static int port(String listener) {
        switch (listener.split(" ")[0]) {
            case "smtp": return james.smtpPort();
            case "submission": return james.submissionPort();
            case "imap": return james.imapPort();
            case "pop3": return james.pop3Port();
            default: throw new IllegalArgumentException(listener);
        }
    }

    /** The lines the server sends until it falls silent for the socket timeout or closes. */
    private static List<String> readAvailable(InputStream in) {
        List<String> lines = new ArrayList<>();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try {
            for (int b = in.read(); b >= 0; b = in.read()) {
                if (b == '\n') {
                    lines.add(line.toString(StandardCharsets.US_ASCII).strip());
                    line.reset();
                } else {
                    line.write(b);
                }
            }
        } catch (SocketTimeoutException silent) {
            // all it had to say
        } catch (IOException closed) {
            // reset by the server
        }
        return lines;
    }
}
