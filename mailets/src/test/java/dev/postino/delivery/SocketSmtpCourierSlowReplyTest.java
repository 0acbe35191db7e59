package dev.postino.delivery;

import static dev.postino.delivery.CourierFixture.MESSAGE;
import static dev.postino.delivery.CourierFixture.MX;
import static dev.postino.delivery.CourierFixture.envelope;
import static dev.postino.delivery.CourierFixture.source;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.postino.core.delivery.DeliveryOutcome;
import dev.postino.core.delivery.SmtpPhase;
import dev.postino.core.route.DeliveryTarget;
import dev.postino.core.route.TlsPolicy;
import dev.postino.testing.peer.ScriptedSmtpPeer;
import dev.postino.testing.peer.SelfSignedCertificate;

/**
 * A server that sends its reply one byte at a time, each just inside the timeout: the timeout
 * bounds the whole reply (RFC 5321 §4.5.3.2 times the wait for a reply), not each byte, or one
 * hostile server could hold a delivery thread for days.
 */
class SocketSmtpCourierSlowReplyTest {
    private static final Duration TIMEOUT = Duration.ofMillis(800);
    private static final Duration BYTE_EVERY = Duration.ofMillis(200);

    private final CourierFixture fixture = new CourierFixture();
    private ServerSocket server;
    private Thread trickler;

    @AfterEach
    void tearDown() throws IOException {
        fixture.close();
        if (server != null) {
            server.close();
        }
        if (trickler != null) {
            trickler.interrupt();
        }
    }

    @Test
    void aGreetingTrickledByteByByteTimesOutWithinTheGreetingTimeout() throws IOException {
        // 220- and then a line that never ends.
        DeliveryOutcome bob = deliverToTrickler(out -> out.write("220-".getBytes(StandardCharsets.US_ASCII)));

        assertThat(bob.phase()).isEqualTo(SmtpPhase.GREETING);
        assertThat(bob.text()).contains("timed out");
    }

    @Test
    void aTlsHandshakeTrickledByteByByteTimesOutWithinTheCommandTimeout() throws IOException {
        // STARTTLS accepted, then a TLS record header announcing 16 KB that arrive a byte at a time.
        DeliveryOutcome bob = deliverToTrickler(out -> {
            out.greetAndAcceptStartTls();
            out.write(new byte[] {0x16, 0x03, 0x03, 0x40, 0x00});
        }, TlsPolicy.OPPORTUNISTIC);

        assertThat(bob.phase()).isEqualTo(SmtpPhase.STARTTLS);
        assertThat(bob.text()).contains("timed out");
    }

    @Test
    void anEhloReplyTrickledByteByByteOverTlsTimesOutWithinTheCommandTimeout() throws IOException {
        // STARTTLS completed; then, after EHLO, a TLS record header announcing 16 KB of reply whose
        // bytes arrive one at a time: one read of the TLS socket, thousands of reads of the TCP one.
        DeliveryOutcome bob = deliverToTrickler(out -> {
            out.greetAndAcceptStartTls();
            out.startTls();
            out.readLine();
            out.write(new byte[] {0x17, 0x03, 0x03, 0x40, 0x00});
        }, TlsPolicy.OPPORTUNISTIC);

        assertThat(bob.phase()).isEqualTo(SmtpPhase.EHLO);
        assertThat(bob.text()).contains("timed out");
    }

    @Test
    void aTimeoutOfCenturiesIsNoTimeoutAtAllRatherThanAnOverflow() {
        ScriptedSmtpPeer peer = fixture.peer();
        SessionSettings patient = new SessionSettings("a.test", TlsPolicy.NONE, Optional.empty(),
            SessionSettings.Timeouts.all(Duration.ofDays(999_999_999)));

        DeliveryOutcome bob = fixture.courier().deliver(CourierFixture.target(peer), peer.port(), patient,
            envelope("bob@b.test"), source(MESSAGE)).outcome("bob@b.test");

        assertThat(bob.isDelivered()).as(bob.toString()).isTrue();
    }

    /** What the hostile server says before it starts trickling. */
    private interface Prelude {
        void play(Conversation conversation) throws IOException;
    }

    /**
     * The server's side of the connection: raw writes to the TCP socket (under TLS too, so a
     * record can be sent a byte at a time), and reading a command line, over TLS once started.
     */
    private static final class Conversation {
        private final Socket client;
        private InputStream commands;

        Conversation(Socket client) throws IOException {
            this.client = client;
            this.commands = client.getInputStream();
        }

        void write(byte[] bytes) throws IOException {
            client.getOutputStream().write(bytes);
            client.getOutputStream().flush();
        }

        /** Greeting, EHLO announcing STARTTLS, 220 to STARTTLS: the client starts its handshake next. */
        void greetAndAcceptStartTls() throws IOException {
            write("220 mx.b.test ESMTP\r\n".getBytes(StandardCharsets.US_ASCII));
            readLine();
            write("250-mx.b.test\r\n250 STARTTLS\r\n".getBytes(StandardCharsets.US_ASCII));
            readLine();
            write("220 2.0.0 ready\r\n".getBytes(StandardCharsets.US_ASCII));
        }

        void readLine() throws IOException {
            int b;
            do {
                b = commands.read();
            } while (b >= 0 && b != '\n');
        }

        /** The server's side of a real TLS handshake; commands are read through it afterwards. */
        void startTls() throws IOException {
            SSLSocket tls = (SSLSocket) SelfSignedCertificate.get().serverContext().getSocketFactory()
                .createSocket(client, null, client.getPort(), false);
            tls.setUseClientMode(false);
            tls.startHandshake();
            commands = tls.getInputStream();
        }
    }

    private DeliveryOutcome deliverToTrickler(Prelude prelude) throws IOException {
        return deliverToTrickler(prelude, TlsPolicy.NONE);
    }

    /** Delivers to a server that plays {@code prelude}, then sends one more byte every 200 ms for a minute. */
    private DeliveryOutcome deliverToTrickler(Prelude prelude, TlsPolicy tls) throws IOException {
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        trickler = new Thread(() -> trickle(prelude), "trickler");
        trickler.setDaemon(true);
        trickler.start();
        SessionSettings quick = new SessionSettings("a.test", tls, Optional.empty(), SessionSettings.Timeouts.all(TIMEOUT));

        long started = System.nanoTime();
        DeliveryOutcome bob = fixture.courier().deliver(DeliveryTarget.of(MX, "127.0.0.1"), server.getLocalPort(),
            quick, envelope("bob@b.test"), source(MESSAGE)).outcome("bob@b.test");
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(took).isLessThan(TIMEOUT.multipliedBy(3));
        assertThat(bob.isTemporary()).as(bob.toString()).isTrue();
        return bob;
    }

    private void trickle(Prelude prelude) {
        try (Socket client = server.accept()) {
            Conversation conversation = new Conversation(client);
            prelude.play(conversation);
            for (int i = 0; i < 300; i++) {
                Thread.sleep(BYTE_EVERY.toMillis()); // the hostile pace itself, not a synchronisation
                conversation.write(new byte[] {'x'});
            }
        } catch (IOException | InterruptedException e) {
            // the client hung up, or the test is over
        }
    }
}
