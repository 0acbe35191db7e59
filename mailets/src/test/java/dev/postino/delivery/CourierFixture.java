package dev.postino.delivery;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import dev.postino.core.route.DeliveryTarget;
import dev.postino.core.route.TlsPolicy;
import dev.postino.testing.peer.PeerOptions;
import dev.postino.testing.peer.ScriptedSmtpPeer;

/** Peers, couriers and envelopes for the courier tests; closes what it started. */
final class CourierFixture implements AutoCloseable {
    static final String SENDER = "alice@a.test";
    static final String MX = "mx1.b.test";
    static final SessionSettings.Timeouts FAST = SessionSettings.Timeouts.all(Duration.ofSeconds(5));
    static final Duration WAIT = Duration.ofSeconds(5);
    /** Lines starting with dots, to be stuffed on the wire and unstuffed by the peer. */
    static final byte[] MESSAGE = ("From: alice@a.test\r\nTo: bob@b.test\r\nSubject: dots\r\n\r\n"
        + ".leading dot\r\n..two dots\r\n.\r\nlast line\r\n").getBytes(StandardCharsets.US_ASCII);

    private final List<ScriptedSmtpPeer> peers = new ArrayList<>();
    private final List<SocketSmtpCourier> couriers = new ArrayList<>();

    ScriptedSmtpPeer peer() {
        return peer(PeerOptions.defaults());
    }

    ScriptedSmtpPeer peer(PeerOptions options) {
        ScriptedSmtpPeer peer = new ScriptedSmtpPeer(options).start();
        peers.add(peer);
        return peer;
    }

    SocketSmtpCourier courier() {
        return courier(CourierConfig.defaults());
    }

    SocketSmtpCourier courier(CourierConfig config) {
        SocketSmtpCourier courier = new SocketSmtpCourier(config);
        couriers.add(courier);
        return courier;
    }

    static SessionSettings settings(TlsPolicy tls) {
        return new SessionSettings("a.test", tls, Optional.empty(), FAST);
    }

    static SessionSettings withLogin(TlsPolicy tls, String user, String password) {
        return new SessionSettings("a.test", tls, Optional.of(new SessionSettings.Credentials(user, password)), FAST);
    }

    static Envelope envelope(String... recipients) {
        return Envelope.of(SENDER, Arrays.stream(recipients).map(EnvelopeRecipient::of).toList(), MESSAGE.length);
    }

    static DeliveryTarget target(ScriptedSmtpPeer peer) {
        return DeliveryTarget.of(MX, peer.host());
    }

    static MessageSource source(byte[] content) {
        return out -> out.write(content);
    }

    static CourierResult deliver(SmtpCourier courier, ScriptedSmtpPeer peer, SessionSettings settings, Envelope envelope) {
        return courier.deliver(target(peer), peer.port(), settings, envelope, source(MESSAGE));
    }

    static CourierResult deliver(SmtpCourier courier, ScriptedSmtpPeer peer, String... recipients) {
        return deliver(courier, peer, settings(TlsPolicy.OPPORTUNISTIC), envelope(recipients));
    }

    /** A loopback port nobody listens on (just released; fine for a refused-connection test). */
    static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    static boolean ipv6LoopbackUsable() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName("::1"), 0));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        couriers.forEach(SocketSmtpCourier::close);
        peers.forEach(ScriptedSmtpPeer::stop);
    }

    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        private volatile Instant now = Instant.parse("2024-05-01T10:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
