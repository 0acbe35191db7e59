package dev.postino.it.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.postino.it.harness.PostinoJames;
import dev.postino.testing.dns.DnsZone;
import dev.postino.testing.dns.ScriptedDnsService;

// stranger → a.test(143), not logged in: "a LOGIN {33554433}" + 1000 octets → "a BAD", nothing buffered;
//   bob → LOGIN with a small literal → OK; CAPABILITY advertises APPENDLIMIT=33554432
class ImapLiteralFloodTest {
    private static final Path CONF = Path.of(System.getProperty("postino.conf", "../conf"));
    private static final int LIMIT = 32 * 1024 * 1024;
    private static PostinoJames james;

    @BeforeAll
    static void start() {
        james = PostinoJames.builder().name("literal").dns(new ScriptedDnsService(new DnsZone())).build().start();
        james.addUser("bob@a.test", "bob-secret");
    }

    @AfterAll
    static void stop() {
        if (james != null) {
            james.close();
        }
    }

    @Test
    void beforeLoginALiteralOverTheLimitIsRefusedAtItsFirstOctets() throws IOException {
        try (Socket socket = connect()) {
            send(socket, "a LOGIN {" + (LIMIT + 1) + "}\r\n");
            // James invites the literal ("+ Ok") before it checks its size; the refusal comes with its first octets.
            assertThat(linesUntilTagged(socket, "a")).containsExactly("+ Ok");
            send(socket, "x".repeat(1000) + "\r\n");
            List<String> lines = linesUntilTagged(socket, "a");
            System.out.println("oversized literal before LOGIN → " + lines);
            assertThat(lines).as("the server kept reading a %d-octet literal from a stranger", LIMIT + 1)
                .last().asString().startsWith("a BAD");
        }
    }

    @Test
    void aLiteralWithinTheLimitStillWorks() throws IOException {
        try (Socket socket = connect()) {
            send(socket, "c CAPABILITY\r\n");
            assertThat(linesUntilTagged(socket, "c")).anyMatch(line -> line.contains(" APPENDLIMIT=" + LIMIT));
            // LOGIN is refused in clear (LOGINDISABLED): a literal of the allowed size gets that answer, not a size refusal.
            send(socket, "b LOGIN {10}\r\n");
            assertThat(linesUntilTagged(socket, "b")).containsExactly("+ Ok");
            send(socket, "bob@a.test bob-secret\r\n");
            assertThat(linesUntilTagged(socket, "b")).singleElement().asString().startsWith("b NO").contains("disabled");
        }
    }

    @Test
    void theShippedLimitsAreSetOnBothImapListeners() throws IOException {
        String xml = Files.readString(CONF.resolve("imapserver.xml"));
        assertThat(all(xml, "literalSizeLimit")).containsExactly("32M", "32M");
        assertThat(all(xml, "inMemorySizeLimit")).containsExactly("1M", "1M");
    }

    private static List<String> all(String xml, String key) {
        Matcher matcher = Pattern.compile("<" + key + ">([^<]*)</" + key + ">").matcher(xml);
        List<String> values = new ArrayList<>();
        while (matcher.find()) {
            values.add(matcher.group(1).trim());
        }
        return values;
    }

    private static Socket connect() throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", james.imapPort()), 10_000);
        socket.setSoTimeout(5_000);
        assertThat(readLine(socket.getInputStream())).startsWith("* OK");
        return socket;
    }

    private static void send(Socket socket, String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** Lines up to and including the one tagged {@code tag}, or those read before the server fell silent. */
    private static List<String> linesUntilTagged(Socket socket, String tag) throws IOException {
        List<String> lines = new ArrayList<>();
        InputStream in = socket.getInputStream();
        try {
            for (String line = readLine(in); line != null; line = readLine(in)) {
                lines.add(line);
                if (line.startsWith(tag + " ")) {
                    break;
                }
            }
        } catch (SocketTimeoutException silent) {
            // waiting for us: what it said so far is the answer
        }
        return lines;
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b >= 0; b = in.read()) {
            if (b == '\n') {
                String text = line.toString(StandardCharsets.US_ASCII);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            line.write(b);
        }
        return null;
    }
}
