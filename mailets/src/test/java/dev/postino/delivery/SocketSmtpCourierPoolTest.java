package dev.postino.delivery;

import static dev.postino.delivery.CourierFixture.MESSAGE;
import static dev.postino.delivery.CourierFixture.WAIT;
import static dev.postino.delivery.CourierFixture.deliver;
import static dev.postino.delivery.CourierFixture.envelope;
import static dev.postino.delivery.CourierFixture.settings;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.postino.core.route.TlsPolicy;
import dev.postino.testing.peer.PeerOptions;
import dev.postino.testing.peer.Phase;
import dev.postino.testing.peer.RecordedConnection;
import dev.postino.testing.peer.ScriptedSmtpPeer;

/** Sessions kept open between deliveries: reuse, its limits, and recovery when a kept session died. */
class SocketSmtpCourierPoolTest {
    private final CourierFixture fixture = new CourierFixture();

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    @Test
    void tenDeliveriesToOnePeerShareOneConnection() {
        ScriptedSmtpPeer peer = fixture.peer();
        SocketSmtpCourier courier = fixture.courier();

        for (int i = 0; i < 10; i++) {
            assertThat(deliver(courier, peer, "bob@b.test").outcome("bob@b.test").isDelivered()).isTrue();
        }

        assertThat(peer.awaitMessages(10, WAIT)).hasSize(10);
        assertThat(peer.connectionCount()).isEqualTo(1);
        assertThat(courier.connectionsOpened()).isEqualTo(1);
        assertThat(courier.sessionsReused()).isEqualTo(9);
        assertThat(courier.idleSessions()).isEqualTo(1);
        // RFC 5321 §4.1.1.5: each reuse starts with RSET.
        assertThat(peer.connections().get(0).verbs()).containsSequence("DATA", "RSET", "MAIL").doesNotContain("QUIT");
    }

    @Test
    void openConnectionsAreCountedPerAddressUntilClosed() {
        ScriptedSmtpPeer peer = fixture.peer();
        SocketSmtpCourier courier = fixture.courier();
        String address = peer.host() + ":" + peer.port();

        deliver(courier, peer, "bob@b.test");
        peer.restart(); // the kept session dies under the courier: replaced, the dead one closed

        deliver(courier, peer, "bob@b.test");
        assertThat(courier.openConnections(address)).as("kept for the next mail").isEqualTo(1);
        assertThat(courier.openConnections()).isEqualTo(1);
        assertThat(courier.openConnections("192.0.2.1:25")).isZero();

        courier.close();
        assertThat(courier.openConnections(address)).isZero();
    }

    @Test
    void aKeptSessionIsReusedOverTlsWithoutANewHandshake() {
        ScriptedSmtpPeer peer = fixture.peer(PeerOptions.builder().startTls(true).build());
        SocketSmtpCourier courier = fixture.courier();

        deliver(courier, peer, "bob@b.test");
        CourierResult second = deliver(courier, peer, "bob@b.test");

        assertThat(second.tls()).isTrue();
        assertThat(peer.awaitMessages(2, WAIT)).allSatisfy(message -> assertThat(message.tls()).isTrue());
        assertThat(peer.connectionCount()).isEqualTo(1);
    }

    @Test
    void aKeptSessionThatDiedIsReplacedTransparently() {
        ScriptedSmtpPeer peer = fixture.peer();
        SocketSmtpCourier courier = fixture.courier();
        deliver(courier, peer, "bob@b.test");

        peer.restart(); // closes the kept connection under the courier

        CourierResult result = deliver(courier, peer, "bob@b.test");
        assertThat(result.outcome("bob@b.test").isDelivered()).isTrue();
        assertThat(peer.awaitMessages(2, WAIT)).hasSize(2);
        assertThat(courier.connectionsOpened()).isEqualTo(2);
        assertThat(courier.sessionsReused()).isZero();
    }

    @Test
    void aKeptSessionSilentAtRsetIsGivenUpAfterTheConnectTimeoutNotTheCommandTimeout() {
        ScriptedSmtpPeer peer = fixture.peer();
        SocketSmtpCourier courier = fixture.courier();
        Duration connect = Duration.ofMillis(500);
        Duration command = Duration.ofSeconds(60);
        SessionSettings settings = new SessionSettings("a.test", TlsPolicy.NONE, Optional.empty(),
            new SessionSettings.Timeouts(connect, command, command, command, command, command));
        deliver(courier, peer, settings, envelope("bob@b.test"));
        peer.script().on(Phase.RSET).hang().once(); // the kept connection went silent

        long start = System.nanoTime();
        CourierResult result = deliver(courier, peer, settings, envelope("bob@b.test"));

        assertThat(result.outcome("bob@b.test").isDelivered()).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(courier.connectionsOpened()).isEqualTo(2);
    }

    @Test
    void aConnectionCarriesAtMostTheConfiguredNumberOfDeliveries() {
        ScriptedSmtpPeer peer = fixture.peer();
        SocketSmtpCourier courier = fixture.courier(CourierConfig.builder().maxTransactionsPerConnection(3).build());

        for (int i = 0; i < 7; i++) {
            deliver(courier, peer, "bob@b.test");
        }

        assertThat(peer.awaitMessages(7, WAIT)).hasSize(7);
        assertThat(peer.connectionCount()).isEqualTo(3);
        List<RecordedConnection> connections = peer.connections();
        assertThat(connections.get(0).verbs()).filteredOn("DATA"::equals).hasSize(3);
        assertThat(connections.get(0).verbs()).endsWith("QUIT");
        assertThat(connections.get(2).verbs()).filteredOn("DATA"::equals).hasSize(1);
    }

    @Test
    void aSessionIdleLongerThanAllowedIsClosedAndNotReused() {
        ScriptedSmtpPeer peer = fixture.peer();
        CourierFixture.ManualClock clock = new CourierFixture.ManualClock();
        SocketSmtpCourier courier = fixture.courier(CourierConfig.builder().clock(clock)
            .maxIdleTime(Duration.ofSeconds(30)).build());
        deliver(courier, peer, "bob@b.test");

        clock.advance(Duration.ofSeconds(31));
        deliver(courier, peer, "bob@b.test");

        assertThat(peer.connectionCount()).isEqualTo(2);
        assertThat(peer.connections().get(0).verbs()).endsWith("QUIT");
        assertThat(courier.sessionsReused()).isZero();
    }

    @Test
    void aSessionThatGot421IsNeverKept() {
        ScriptedSmtpPeer peer = fixture.peer();
        peer.script().on(Phase.END_OF_DATA).reply("421 4.3.2 shutting down").once();
        SocketSmtpCourier courier = fixture.courier();

        CourierResult first = deliver(courier, peer, "bob@b.test");
        CourierResult second = deliver(courier, peer, "bob@b.test");

        assertThat(first.outcome("bob@b.test").isTemporary()).isTrue();
        assertThat(first.outcome("bob@b.test").status()).hasToString("4.3.2");
        assertThat(second.outcome("bob@b.test").isDelivered()).isTrue();
        assertThat(courier.connectionsOpened()).isEqualTo(2);
        assertThat(courier.sessionsReused()).isZero();
    }

    @Test
    void refusalsInTheTransactionKeepTheSession() {
        ScriptedSmtpPeer peer = fixture.peer();
        peer.script().on(Phase.RCPT).reply("550 5.1.1 no such user").once();
        SocketSmtpCourier courier = fixture.courier();

        assertThat(deliver(courier, peer, "nobody@b.test").outcome("nobody@b.test").isPermanent()).isTrue();
        assertThat(deliver(courier, peer, "bob@b.test").outcome("bob@b.test").isDelivered()).isTrue();

        assertThat(peer.connectionCount()).isEqualTo(1);
        assertThat(courier.sessionsReused()).isEqualTo(1);
    }

    @Test
    void sessionsAreKeptApartBySettings() {
        ScriptedSmtpPeer peer = fixture.peer();
        SocketSmtpCourier courier = fixture.courier();

        deliver(courier, peer, settings(TlsPolicy.OPPORTUNISTIC), envelope("bob@b.test"));
        deliver(courier, peer, settings(TlsPolicy.NONE), envelope("bob@b.test"));

        assertThat(courier.connectionsOpened()).isEqualTo(2);
        assertThat(courier.idleSessions()).isEqualTo(2);
    }

    @Test
    void closeQuitsEveryIdleSession() {
        ScriptedSmtpPeer peer = fixture.peer();
        SocketSmtpCourier courier = fixture.courier();
        deliver(courier, peer, "bob@b.test");

        courier.close();

        assertThat(peer.connections().get(0).verbs()).endsWith("QUIT");
        assertThat(courier.idleSessions()).isZero();
    }

    @Test
    void concurrentDeliveriesNeverShareASession() throws Exception {
        ScriptedSmtpPeer peer = fixture.peer();
        SocketSmtpCourier courier = fixture.courier();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<CourierResult>> results = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String recipient = "user" + i + "@b.test";
                results.add(threads.submit(() -> deliver(courier, peer, recipient)));
            }
            for (Future<CourierResult> result : results) {
                assertThat(result.get(10, TimeUnit.SECONDS).outcomes().values())
                    .allSatisfy(outcome -> assertThat(outcome.isDelivered()).isTrue());
            }
        } finally {
            threads.shutdownNow();
        }

        assertThat(peer.awaitMessages(20, WAIT)).hasSize(20)
            .allSatisfy(message -> assertThat(message.recipients()).hasSize(1));
        assertThat(courier.connectionsOpened()).isBetween(1L, 4L);
        assertThat(courier.connectionsOpened() + courier.sessionsReused()).isEqualTo(20);
        assertThat(peer.messages()).extracting(message -> message.data().length).containsOnly(MESSAGE.length);
    }
}
