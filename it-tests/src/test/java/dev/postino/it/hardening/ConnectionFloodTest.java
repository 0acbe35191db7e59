package dev.postino.it.hardening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.postino.it.harness.PostinoJames;
import dev.postino.it.harness.TrustAllTls;
import dev.postino.testing.dns.DnsZone;
import dev.postino.testing.dns.ScriptedDnsService;

// stranger → every listener (25, 587, 465, 143, 993, 110, 995) × (per-address limit + 1) connections
//   → the extra one closed before any greeting; the others still served
class ConnectionFloodTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Path CONF = Path.of(System.getProperty("postino.conf", "../conf"));
    private static PostinoJames james;

    @BeforeAll
    static void start() {
        james = PostinoJames.builder().name("flood").dns(new ScriptedDnsService(new DnsZone())).build().start();
    }

    @AfterAll
    static void stop() {
        if (james != null) {
            james.close();
        }
    }

    /** The shipped values, by literal key, in the order of the listeners in each file (README "Listeners"). */
    @ParameterizedTest
    @CsvSource({
        "smtpserver.xml, 0.0.0.0:25, 500, 20",
        "smtpserver.xml, 0.0.0.0:587, 200, 20",
        "smtpserver.xml, 0.0.0.0:465, 200, 20",
        "imapserver.xml, 0.0.0.0:143, 1000, 50",
        "imapserver.xml, 0.0.0.0:993, 1000, 50",
        "pop3server.xml, 0.0.0.0:110, 200, 20",
        "pop3server.xml, 0.0.0.0:995, 200, 20",
    })
    void everyListenerBoundsItsConnections(String file, String bind, int total, int perAddress) throws IOException {
        String listener = listener(Files.readString(CONF.resolve(file)), bind);
        assertThat(value(listener, "connectionLimit")).as("%s %s connectionLimit", file, bind).isEqualTo(total);
        assertThat(value(listener, "connectionLimitPerIP")).as("%s %s connectionLimitPerIP", file, bind).isEqualTo(perAddress);
    }

    @ParameterizedTest(name = "{0}: {2} connections, then one more")
    @CsvSource({
        "submission, false, 20",
        "submissions, true, 20",
        "imap, false, 50",
        "imaps, true, 50",
        "pop3, false, 20",
        "pop3s, true, 20",
    })
    void oneAddressCannotHoldMoreThanItsShare(String listener, boolean implicitTls, int perAddress) {
        int port = port(listener);
        List<Socket> open = new ArrayList<>();
        try {
            // Connections of an earlier attempt may still be counted for a moment after they closed.
            await().atMost(WAIT).untilAsserted(() -> {
                closeAll(open);
                for (int i = 0; i < perAddress; i++) {
                    Socket socket = connect(port, implicitTls);
                    open.add(socket);
                    assertThat(greeting(socket)).as("%s connection %d of %d", listener, i + 1, perAddress).isNotNull();
                }
            });
            Socket extra = null;
            try {
                extra = connect(port, implicitTls);
                assertThat(greeting(extra)).as("%s connection %d: closed, no greeting", listener, perAddress + 1).isNull();
            } catch (IOException refused) {
                // the TLS handshake of the extra connection failed: it was closed at once
            } finally {
                closeAll(extra == null ? List.of() : List.of(extra));
            }
        } finally {
            closeAll(open);
        }
        // Once they are gone, a new one is served again.
        await().atMost(WAIT).untilAsserted(() -> {
            try (Socket again = connect(port, implicitTls)) {
                assertThat(greeting(again)).isNotNull();
            }
        });
    }

    private static int port(String listener) {
        switch (listener) {
            case "submission": return james.submissionPort();
            case "submissions": return james.submissionsPort();
            case "imap": return james.imapPort();
            case "imaps": return james.imapsPort();
            case "pop3": return james.pop3Port();
            case "pop3s": return james.pop3sPort();
            default: throw new IllegalArgumentException(listener);
        }
    }

    private static Socket connect(int port, boolean implicitTls) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
        socket.setSoTimeout(10_000);
        if (!implicitTls) {
            return socket;
        }
        return TrustAllTls.handshake(socket, port, true);
    }

    /** The first line the server sends, or null if it closed the connection first. */
    private static String greeting(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b >= 0; b = in.read()) {
            if (b == '\n') {
                return line.toString();
            }
            line.append((char) b);
        }
        return null;
    }

    private static void closeAll(List<Socket> sockets) {
        for (Socket socket : sockets) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        if (sockets instanceof ArrayList) {
            sockets.clear();
        }
    }

    private static String listener(String xml, String bind) {
        int at = xml.indexOf("<bind>" + bind + "</bind>");
        assertThat(at).as("listener %s", bind).isNotNegative();
        int next = xml.indexOf("<bind>", at + 1);
        return xml.substring(at, next < 0 ? xml.length() : next);
    }

    private static int value(String listener, String key) {
        Matcher matcher = Pattern.compile("<" + key + ">\\s*(\\d+)\\s*</" + key + ">").matcher(listener);
        assertThat(matcher.find()).as("<%s> set", key).isTrue();
        return Integer.parseInt(matcher.group(1));
    }
}
