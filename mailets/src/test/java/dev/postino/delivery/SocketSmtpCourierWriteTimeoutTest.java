package dev.postino.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.postino.core.delivery.DeliveryOutcome;
import dev.postino.core.delivery.SmtpPhase;
import dev.postino.core.route.DeliveryTarget;
import dev.postino.core.route.TlsPolicy;

/**
 * A server that answers 354 and then stops reading: the scripted peer always reads, so this one
 * is hand-made. Sockets time out reads only; the courier's data block timeout must still end the
 * delivery.
 */
class SocketSmtpCourierWriteTimeoutTest {

    @Test
    void aServerThatStopsReadingDuringDataTimesOutByTheDataBlockTimeout() throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        try (ServerSocket server = new ServerSocket();
             SocketSmtpCourier courier = new SocketSmtpCourier()) {
            server.setReceiveBufferSize(4096);
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            Thread stalling = new Thread(() -> stallAfter354(server, done), "stalling-server");
            stalling.setDaemon(true);
            stalling.start();
            Duration second = Duration.ofSeconds(2);
            SessionSettings settings = new SessionSettings("a.test", TlsPolicy.NONE, Optional.empty(),
                new SessionSettings.Timeouts(second, second, second, second, Duration.ofMillis(300), second));

            long started = System.nanoTime();
            CourierResult result = courier.deliver(DeliveryTarget.of("mx1.b.test", "127.0.0.1"), server.getLocalPort(),
                settings, Envelope.of("alice@a.test", List.of(EnvelopeRecipient.of("bob@b.test")), -1),
                SocketSmtpCourierWriteTimeoutTest::endlessLines);
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            DeliveryOutcome bob = result.outcome("bob@b.test");
            assertThat(bob.isTemporary()).isTrue();
            assertThat(bob.phase()).isEqualTo(SmtpPhase.DATA);
            assertThat(bob.status()).hasToString("4.4.2");
            assertThat(bob.text()).contains("timed out");
            assertThat(took).isLessThan(Duration.ofSeconds(5));
        } finally {
            done.countDown();
        }
    }

    /** 256 MB of text, more than any socket buffer holds; the server never takes it. */
    private static void endlessLines(OutputStream out) throws IOException {
        byte[] line = new byte[1000];
        Arrays.fill(line, (byte) 'x');
        line[998] = '\r';
        line[999] = '\n';
        for (int i = 0; i < 256 * 1024; i++) {
            out.write(line);
        }
    }

    private static void stallAfter354(ServerSocket server, CountDownLatch done) {
        try (Socket client = server.accept()) {
            BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
            Writer out = new OutputStreamWriter(client.getOutputStream(), StandardCharsets.US_ASCII);
            say(out, "220 stalling.test ESMTP");
            String line;
            while ((line = in.readLine()) != null) {
                if (line.equals("DATA")) {
                    say(out, "354 go ahead");
                    done.await(10, TimeUnit.SECONDS); // and read nothing more
                    return;
                }
                say(out, "250 OK");
            }
        } catch (IOException e) {
            // the courier hung up, as it should
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void say(Writer out, String reply) throws IOException {
        out.write(reply + "\r\n");
        out.flush();
    }
}
