package dev.postino.delivery;

import static dev.postino.delivery.CourierFixture.MESSAGE;
import static dev.postino.delivery.CourierFixture.MX;
import static dev.postino.delivery.CourierFixture.envelope;
import static dev.postino.delivery.CourierFixture.source;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.postino.core.delivery.DeliveryOutcome;
import dev.postino.core.delivery.SmtpPhase;
import dev.postino.core.route.DeliveryTarget;
import dev.postino.core.route.TlsPolicy;
import dev.postino.testing.peer.ScriptedSmtpPeer;

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
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        trickler = new Thread(this::trickleAGreetingThatNeverEnds, "trickler");
        trickler.setDaemon(true);
        trickler.start();
        SessionSettings quick = new SessionSettings("a.test", TlsPolicy.NONE, Optional.empty(),
            SessionSettings.Timeouts.all(TIMEOUT));

        long started = System.nanoTime();
        DeliveryOutcome bob = fixture.courier().deliver(DeliveryTarget.of(MX, "127.0.0.1"), server.getLocalPort(),
            quick, envelope("bob@b.test"), source(MESSAGE)).outcome("bob@b.test");
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(took).isLessThan(TIMEOUT.multipliedBy(3));
        assertThat(bob.isTemporary()).isTrue();
        assertThat(bob.phase()).isEqualTo(SmtpPhase.GREETING);
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

    /** {@code 220-} and then one more byte every 200 ms for about a minute, the line never ending. */
    private void trickleAGreetingThatNeverEnds() {
        try (Socket client = server.accept()) {
            OutputStream out = client.getOutputStream();
            out.write("220-".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            for (int i = 0; i < 300; i++) {
                Thread.sleep(BYTE_EVERY.toMillis()); // the hostile pace itself, not a synchronisation
                out.write('x');
                out.flush();
            }
        } catch (IOException | InterruptedException e) {
            // the client hung up, or the test is over
        }
    }
}
