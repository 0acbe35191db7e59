package dev.postino.testing.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.apache.commons.net.smtp.AuthenticatingSMTPClient;
import org.apache.commons.net.smtp.AuthenticatingSMTPClient.AUTH_METHOD;
import org.apache.commons.net.util.TrustManagerUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class ScriptedSmtpPeerTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final List<ScriptedSmtpPeer> peers = new ArrayList<>();
    private final List<AuthenticatingSMTPClient> clients = new ArrayList<>();

    @AfterEach
    void tearDown() throws IOException {
        for (AuthenticatingSMTPClient client : clients) {
            if (client.isConnected()) {
                client.disconnect();
            }
        }
        peers.forEach(ScriptedSmtpPeer::stop);
    }

    @Test
    void acceptsByDefaultAndRecordsEnvelopeParametersAndUnstuffedData() throws Exception {
        ScriptedSmtpPeer peer = started(PeerOptions.defaults());
        AuthenticatingSMTPClient client = connected(peer);
        assertThat(client.elogin("a.test")).isTrue();
        assertThat(client.getReplyString()).contains("DSN", "PIPELINING", "8BITMIME", "SIZE 10485760").doesNotContain("STARTTLS", "AUTH");

        assertThat(client.mail("<alice@a.test> SIZE=120 BODY=8BITMIME RET=HDRS ENVID=q1+2Bx")).isEqualTo(250);
        assertThat(client.rcpt("<bob@b.test> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;bob@b.test")).isEqualTo(250);
        assertThat(client.rcpt("<carol@b.test>")).isEqualTo(250);
        // commons-net dot-stuffs the leading dot; the peer must take it off again.
        assertThat(client.sendShortMessageData("Subject: hi\r\n\r\n.leading dot\r\nlast\r\n")).isTrue();
        assertThat(client.getReplyString()).startsWith("250 2.0.0 OK queued as");
        assertThat(client.logout()).isTrue();

        RecordedMessage message = peer.awaitMessages(1, WAIT).get(0);
        assertThat(message.sender()).isEqualTo("alice@a.test");
        assertThat(message.recipientAddresses()).containsExactly("bob@b.test", "carol@b.test");
        assertThat(message.declaredSize()).contains(120L);
        assertThat(message.body()).contains("8BITMIME");
        assertThat(message.ret()).contains("HDRS");
        assertThat(message.envelopeId()).contains("q1+2Bx");
        assertThat(message.recipients().get(0).notifyParameter()).contains("SUCCESS,FAILURE");
        assertThat(message.recipients().get(0).orcpt()).contains("rfc822;bob@b.test");
        assertThat(message.content()).isEqualTo("Subject: hi\r\n\r\n.leading dot\r\nlast\r\n");
        assertThat(message.tls()).isFalse();
        assertThat(peer.messagesFor("BOB@b.test")).containsExactly(message);
        assertThat(peer.messagesFor("dave@b.test")).isEmpty();

        RecordedConnection connection = peer.awaitConnections(1, WAIT).get(0);
        assertThat(connection.verbs()).containsExactly("EHLO", "MAIL", "RCPT", "RCPT", "DATA", "QUIT");
        assertThat(connection.remoteAddress()).startsWith("127.0.0.1:");
        assertThat(peer.connectionCount()).isEqualTo(1);
    }

    @Test
    void scriptedRcptRepliesAreConsumedInOrderThenTheDefaultApplies() throws Exception {
        ScriptedSmtpPeer peer = started(PeerOptions.defaults());
        peer.script().on(Phase.RCPT).reply("451 4.7.1 try later").times(2);
        peer.script().onRcpt("carol@b.test").reply("550 5.1.1 no such user").always();

        try (RawSmtpClient client = new RawSmtpClient(peer)) {
            assertThat(client.reply()).startsWith("220 ");
            client.send("EHLO a.test", "MAIL FROM:<alice@a.test>", "RCPT TO:<bob@b.test>", "RCPT TO:<Carol@b.test>",
                "RCPT TO:<bob@b.test>", "RCPT TO:<bob@b.test>", "DATA"); // pipelined
            assertThat(client.reply()).startsWith("250-peer.test");
            assertThat(client.reply()).isEqualTo("250 2.1.0 OK");
            assertThat(client.reply()).isEqualTo("451 4.7.1 try later");
            assertThat(client.reply()).isEqualTo("550 5.1.1 no such user");
            assertThat(client.reply()).isEqualTo("451 4.7.1 try later");
            assertThat(client.reply()).isEqualTo("250 2.1.5 OK");
            assertThat(client.reply()).startsWith("354 ");
            assertThat(client.command("hello\r\n.")).startsWith("250 ");

            // Scripts change while the client is connected.
            peer.script().onRcpt("dave@b.test").reply("452 4.2.2 mailbox full");
            assertThat(client.command("MAIL FROM:<alice@a.test>")).startsWith("250 ");
            assertThat(client.command("RCPT TO:<dave@b.test>")).isEqualTo("452 4.2.2 mailbox full");
            assertThat(client.command("RCPT TO:<dave@b.test>")).isEqualTo("250 2.1.5 OK");
            assertThat(client.command("RSET")).startsWith("250 ");
            assertThat(client.command("QUIT")).startsWith("221 ");
        }
        assertThat(peer.awaitMessages(1, WAIT).get(0).recipientAddresses()).containsExactly("bob@b.test");
    }

    @Test
    void refusingGreetingLeavesOnlyQuit() throws Exception {
        ScriptedSmtpPeer peer = started(PeerOptions.defaults());
        peer.script().on(Phase.GREETING).reply("554 5.3.2 go away");

        try (RawSmtpClient client = new RawSmtpClient(peer)) {
            assertThat(client.reply()).isEqualTo("554 5.3.2 go away");
            assertThat(client.command("EHLO a.test")).startsWith("503 ");
            assertThat(client.command("QUIT")).startsWith("221 ");
        }
        // The script applied once: the next connection is greeted normally.
        try (RawSmtpClient client = new RawSmtpClient(peer)) {
            assertThat(client.reply()).startsWith("220 peer.test");
        }
    }

    @Test
    void disconnectAtEndOfDataRecordsNothing() throws Exception {
        ScriptedSmtpPeer peer = started(PeerOptions.defaults());
        peer.script().on(Phase.END_OF_DATA).disconnect().once();

        try (RawSmtpClient client = new RawSmtpClient(peer)) {
            client.reply();
            client.send("HELO a.test", "MAIL FROM:<>", "RCPT TO:<bob@b.test>", "DATA");
            assertThat(List.of(client.reply(), client.reply(), client.reply(), client.reply()))
                .extracting(reply -> reply.substring(0, 3)).containsExactly("250", "250", "250", "354");
            assertThat(client.command("Subject: lost\r\n\r\nbody\r\n.")).isNull();
        }
        assertThat(peer.messages()).isEmpty();

        try (RawSmtpClient client = new RawSmtpClient(peer)) {
            client.reply();
            client.send("HELO a.test", "MAIL FROM:<>", "RCPT TO:<bob@b.test>", "DATA");
            for (int i = 0; i < 4; i++) {
                client.reply();
            }
            assertThat(client.command("Subject: kept\r\n\r\nbody\r\n.")).startsWith("250 ");
        }
        RecordedMessage kept = peer.awaitMessages(1, WAIT).get(0);
        assertThat(kept.sender()).isEmpty();
        assertThat(kept.content()).contains("Subject: kept");
        assertThat(peer.connectionCount()).isEqualTo(2);
    }

    @Test
    void startTlsIsOfferedUpgradedAndRecorded() throws Exception {
        ScriptedSmtpPeer peer = started(PeerOptions.builder().startTls(true).build());
        AuthenticatingSMTPClient client = connected(peer);
        assertThat(client.elogin("a.test")).isTrue();
        assertThat(client.getReplyString()).contains("STARTTLS");
        assertThat(client.execTLS()).isTrue();
        assertThat(client.elogin("a.test")).isTrue();
        assertThat(client.getReplyString()).doesNotContain("STARTTLS");
        assertThat(client.sendSimpleMessage("alice@a.test", "bob@b.test", "Subject: secret\r\n\r\nsh\r\n")).isTrue();
        client.logout();

        assertThat(peer.awaitMessages(1, WAIT).get(0).tls()).isTrue();
        RecordedConnection connection = peer.connections().get(0);
        assertThat(connection.tls()).isTrue();
        assertThat(connection.verbs()).startsWith("EHLO", "STARTTLS", "EHLO", "MAIL");

        // A client that verifies the certificate and the name 127.0.0.1 against it also gets through.
        AuthenticatingSMTPClient verifying = new AuthenticatingSMTPClient(false, SelfSignedCertificate.get().clientContext());
        verifying.setEndpointCheckingEnabled(true);
        clients.add(verifying);
        verifying.connect(peer.host(), peer.port());
        assertThat(verifying.elogin("a.test")).isTrue();
        assertThat(verifying.execTLS()).isTrue();
        assertThat(verifying.elogin("a.test")).isTrue();
        verifying.logout();
        assertThat(peer.awaitConnections(2, WAIT).get(1).tls()).isTrue();
    }

    @Test
    void authPlainAndLoginCheckTheConfiguredCredentials() throws Exception {
        ScriptedSmtpPeer peer = started(PeerOptions.builder().credentials("relay", "s3cret").build());

        AuthenticatingSMTPClient good = connected(peer);
        assertThat(good.elogin("a.test")).isTrue();
        assertThat(good.getReplyString()).contains("AUTH PLAIN LOGIN");
        assertThat(good.auth(AUTH_METHOD.PLAIN, "relay", "s3cret")).isTrue();
        assertThat(good.sendSimpleMessage("alice@a.test", "bob@b.test", "Subject: x\r\n\r\nx\r\n")).isTrue();
        good.logout();

        AuthenticatingSMTPClient bad = connected(peer);
        assertThat(bad.elogin("a.test")).isTrue();
        assertThat(bad.auth(AUTH_METHOD.PLAIN, "relay", "wrong")).isFalse();
        assertThat(bad.getReplyCode()).isEqualTo(535);
        bad.logout();

        AuthenticatingSMTPClient login = connected(peer);
        assertThat(login.elogin("a.test")).isTrue();
        assertThat(login.auth(AUTH_METHOD.LOGIN, "relay", "s3cret")).isTrue();
        login.logout();

        assertThat(peer.awaitMessages(1, WAIT).get(0).authenticatedAs()).contains("relay");
        assertThat(peer.awaitConnections(3, WAIT)).extracting(RecordedConnection::authenticated)
            .containsExactly(true, false, true);
    }

    @Test
    void restartListensOnTheSamePortAgain() throws Exception {
        ScriptedSmtpPeer peer = started(PeerOptions.defaults());
        int port = peer.port();
        peer.stop();
        assertThat(peer.isRunning()).isFalse();
        assertThatThrownBy(() -> new RawSmtpClient(peer).close()).isInstanceOf(ConnectException.class);

        peer.start();
        assertThat(peer.port()).isEqualTo(port);
        try (RawSmtpClient client = new RawSmtpClient(peer)) {
            assertThat(client.reply()).startsWith("220 ");
        }
        peer.restart();
        assertThat(peer.port()).isEqualTo(port);
        try (RawSmtpClient client = new RawSmtpClient(peer)) {
            assertThat(client.reply()).startsWith("220 ");
        }
        assertThat(peer.awaitConnections(2, WAIT)).hasSize(2);
    }

    @Test
    void listensOnIpv6Loopback() throws Exception {
        Assumptions.assumeTrue(canBindIpv6Loopback(), "no IPv6 loopback on this machine");
        ScriptedSmtpPeer peer = started(PeerOptions.builder().bind("::1").build());
        AuthenticatingSMTPClient client = new AuthenticatingSMTPClient();
        clients.add(client);
        client.connect("::1", peer.port());
        assertThat(client.elogin("a.test")).isTrue();
        assertThat(client.sendSimpleMessage("alice@a.test", "bob@b.test", "Subject: v6\r\n\r\nx\r\n")).isTrue();
        client.logout();

        assertThat(peer.host()).isEqualTo("0:0:0:0:0:0:0:1");
        assertThat(peer.awaitMessages(1, WAIT)).hasSize(1);
        assertThat(peer.connections().get(0).remoteAddress()).startsWith("[0:0:0:0:0:0:0:1]:");
    }

    @Test
    void hangNeverAnswersUntilThePeerStops() throws Exception {
        ScriptedSmtpPeer peer = started(PeerOptions.defaults());
        peer.script().on(Phase.GREETING).hang();

        assertSilentUntilThePeerStops(peer);
    }

    /** A new client hears nothing, and stopping the peer closes its connection at once. */
    private static void assertSilentUntilThePeerStops(ScriptedSmtpPeer peer) throws IOException {
        try (RawSmtpClient client = new RawSmtpClient(peer.address(), Duration.ofMillis(300))) {
            assertThatThrownBy(client::reply).isInstanceOf(SocketTimeoutException.class);
            long before = System.nanoTime();
            peer.stop();
            assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(2));
            assertThat(client.reply()).isNull();
        }
    }

    @Test
    void aHeldReplyWaitsForItsReleaseThenIsSent() throws Exception {
        ScriptedSmtpPeer peer = started(PeerOptions.defaults());
        CountDownLatch release = new CountDownLatch(1);
        peer.script().on(Phase.MAIL).holdUntil(release).reply("250 2.1.0 at last");

        try (RawSmtpClient client = new RawSmtpClient(peer.address(), Duration.ofMillis(300))) {
            client.reply();
            client.command("EHLO a.test");
            client.send("MAIL FROM:<a@a.test>");
            assertThatThrownBy(client::reply).as("held").isInstanceOf(SocketTimeoutException.class);
            release.countDown();
            assertThat(client.reply()).isEqualTo("250 2.1.0 at last");
        }
    }

    @Test
    void aHeldReplyIsDroppedWhenThePeerStops() throws Exception {
        ScriptedSmtpPeer peer = started(PeerOptions.defaults());
        peer.script().on(Phase.GREETING).holdUntil(new CountDownLatch(1)).reply("220 never");

        assertSilentUntilThePeerStops(peer);
    }

    @Test
    void connectionsBeyondTheBoundAreToldToComeBackLater() throws Exception {
        ScriptedSmtpPeer peer = started(PeerOptions.builder().maxConnections(1).build());
        peer.script().on(Phase.GREETING).hang();

        try (RawSmtpClient busy = new RawSmtpClient(peer.address(), Duration.ofMillis(200))) {
            assertThatThrownBy(busy::reply).isInstanceOf(SocketTimeoutException.class);
            try (RawSmtpClient refused = new RawSmtpClient(peer)) {
                assertThat(refused.reply()).startsWith("421 4.3.2");
                assertThat(refused.reply()).isNull();
            }
        }
        // The hung session notices its client leaving and frees its slot, a moment later.
        await().atMost(WAIT).until(() -> greetingFrom(peer).startsWith("220 "));
    }

    @Test
    void delaysAndMultiLineRepliesAreSentAsScripted() throws Exception {
        ScriptedSmtpPeer peer = started(PeerOptions.defaults());
        peer.script().on(Phase.EHLO).reply("250-first\r\n250 second");
        peer.script().on(Phase.MAIL).delay(Duration.ofMillis(300)).reply(List.of("452-4.3.1 full", "452 4.3.1 really"));

        try (RawSmtpClient client = new RawSmtpClient(peer)) {
            client.reply();
            assertThat(client.command("EHLO a.test")).isEqualTo("250-first\n250 second");
            long before = System.nanoTime();
            assertThat(client.command("MAIL FROM:<a@a.test>")).isEqualTo("452-4.3.1 full\n452 4.3.1 really");
            assertThat(Duration.ofNanos(System.nanoTime() - before)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
            assertThat(client.command("RCPT TO:<b@b.test>")).startsWith("503 "); // MAIL was refused
        }
    }

    @Test
    void enforcesLineAndMessageSizeLimits() throws Exception {
        ScriptedSmtpPeer peer = started(PeerOptions.builder().maxMessageSize(2000).build());
        try (RawSmtpClient client = new RawSmtpClient(peer)) {
            client.reply();
            assertThat(client.command("EHLO " + "x".repeat(1200))).startsWith("500 5.5.2");
            assertThat(client.command("EHLO a.test")).contains("SIZE 2000");
            assertThat(client.command("MAIL FROM:<a@a.test> SIZE=2001")).startsWith("552 5.3.4");

            client.send("MAIL FROM:<a@a.test>", "RCPT TO:<b@b.test>", "DATA");
            assertThat(List.of(client.reply(), client.reply(), client.reply()))
                .extracting(reply -> reply.substring(0, 3)).containsExactly("250", "250", "354");
            assertThat(client.command((("y".repeat(98) + "\r\n").repeat(25)) + ".")).startsWith("552 5.3.4");

            client.send("MAIL FROM:<a@a.test>", "RCPT TO:<b@b.test>", "DATA");
            assertThat(List.of(client.reply(), client.reply(), client.reply()))
                .extracting(reply -> reply.substring(0, 3)).containsExactly("250", "250", "354");
            assertThat(client.command("Subject: long\r\n\r\n" + "w".repeat(999) + "\r\n.")).startsWith("500 5.5.2");
            assertThat(client.command("NOOP")).startsWith("250 ");
        }
        assertThat(peer.messages()).isEmpty();
    }

    @Test
    void awaitingMoreMessagesThanArriveFailsWithinTheTimeout() {
        ScriptedSmtpPeer peer = started(PeerOptions.defaults());
        assertThatThrownBy(() -> peer.awaitMessages(1, Duration.ofMillis(100)))
            .isInstanceOf(AssertionError.class)
            .hasMessageContaining("expected 1 messages");
    }

    @Test
    void rejectsMalformedScriptsWhenWritten() {
        PeerScript script = new PeerScript();
        assertThatThrownBy(() -> script.on(Phase.RCPT).reply("try later")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> script.on(Phase.RCPT).reply("451 x").times(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PeerOptions.builder().bind("localhost")).isInstanceOf(IllegalArgumentException.class);
    }

    private ScriptedSmtpPeer started(PeerOptions options) {
        ScriptedSmtpPeer peer = new ScriptedSmtpPeer(options).start();
        peers.add(peer);
        return peer;
    }

    private AuthenticatingSMTPClient connected(ScriptedSmtpPeer peer) throws IOException {
        AuthenticatingSMTPClient client = new AuthenticatingSMTPClient();
        client.setTrustManager(TrustManagerUtils.getAcceptAllTrustManager());
        client.setDefaultTimeout(5000);
        clients.add(client);
        client.connect(peer.host(), peer.port());
        assertThat(client.getReplyCode()).isEqualTo(220);
        return client;
    }

    private static String greetingFrom(ScriptedSmtpPeer peer) throws IOException {
        try (RawSmtpClient client = new RawSmtpClient(peer)) {
            return String.valueOf(client.reply());
        }
    }

    private static boolean canBindIpv6Loopback() {
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(InetAddress.getByName("::1"), 0));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
