package dev.postino.delivery;

import static dev.postino.delivery.CourierFixture.MESSAGE;
import static dev.postino.delivery.CourierFixture.MX;
import static dev.postino.delivery.CourierFixture.WAIT;
import static dev.postino.delivery.CourierFixture.deliver;
import static dev.postino.delivery.CourierFixture.envelope;
import static dev.postino.delivery.CourierFixture.settings;
import static dev.postino.delivery.CourierFixture.source;
import static dev.postino.delivery.CourierFixture.target;
import static dev.postino.delivery.CourierFixture.withLogin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.postino.core.delivery.DeliveryOutcome;
import dev.postino.core.delivery.OutcomeClassifier;
import dev.postino.core.delivery.SmtpPhase;
import dev.postino.core.route.DeliveryTarget;
import dev.postino.core.route.TlsPolicy;
import dev.postino.core.smtp.SmtpReply;
import dev.postino.testing.peer.PeerOptions;
import dev.postino.testing.peer.Phase;
import dev.postino.testing.peer.RecordedConnection;
import dev.postino.testing.peer.RecordedMessage;
import dev.postino.testing.peer.ScriptedSmtpPeer;

/** One session at a time against a scripted peer: the dialogue, its failures and their outcomes. */
class SocketSmtpCourierTest {
    private final CourierFixture fixture = new CourierFixture();
    private final OutcomeClassifier classifier = new OutcomeClassifier();

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    @Test
    void deliversOneMessageToTwoRecipientsByteExactAfterDotStuffing() {
        ScriptedSmtpPeer peer = fixture.peer();

        CourierResult result = deliver(fixture.courier(), peer, "bob@b.test", "carol@b.test");

        assertThat(result.outcomes()).containsOnlyKeys("bob@b.test", "carol@b.test");
        for (DeliveryOutcome outcome : result.outcomes().values()) {
            assertThat(outcome.isDelivered()).isTrue();
            assertThat(outcome.phase()).isEqualTo(SmtpPhase.END_OF_DATA);
            assertThat(outcome.reply().map(SmtpReply::code)).contains(250);
            assertThat(outcome.remoteHost()).contains(MX);
            assertThat(outcome.remoteIp()).contains("127.0.0.1");
        }
        RecordedMessage message = peer.awaitMessages(1, WAIT).get(0);
        assertThat(message.recipientAddresses()).containsExactly("bob@b.test", "carol@b.test");
        assertThat(message.sender()).isEqualTo("alice@a.test");
        assertThat(message.data()).isEqualTo(MESSAGE);
        assertThat(peer.messages()).hasSize(1);
    }

    @Test
    void endsAMessageWithoutFinalLineBreakWithCrlfBeforeTheDot() {
        ScriptedSmtpPeer peer = fixture.peer();
        byte[] content = "Subject: x\r\n\r\nno line break at the end".getBytes(StandardCharsets.US_ASCII);

        CourierResult result = fixture.courier().deliver(target(peer), peer.port(), settings(TlsPolicy.NONE),
            envelope("bob@b.test"), source(content));

        assertThat(result.outcome("bob@b.test").isDelivered()).isTrue();
        assertThat(peer.awaitMessages(1, WAIT).get(0).content())
            .isEqualTo("Subject: x\r\n\r\nno line break at the end\r\n");
    }

    @Test
    void aRefusedRecipientKeepsItsPermanentRcptOutcomeWhileTheOtherIsDelivered() {
        ScriptedSmtpPeer peer = fixture.peer();
        peer.script().onRcpt("carol@b.test").reply("550 5.1.1 <carol@b.test>: no such user").always();

        CourierResult result = deliver(fixture.courier(), peer, "bob@b.test", "carol@b.test");

        DeliveryOutcome carol = result.outcome("carol@b.test");
        assertThat(carol.isPermanent()).isTrue();
        assertThat(carol.phase()).isEqualTo(SmtpPhase.RCPT);
        assertThat(carol.status()).hasToString("5.1.1");
        assertThat(carol.reply()).contains(SmtpReply.parse("550 5.1.1 <carol@b.test>: no such user"));
        assertThat(carol.remoteHost()).contains(MX);
        assertThat(result.outcome("bob@b.test").isDelivered()).isTrue();
        assertThat(peer.awaitMessages(1, WAIT).get(0).recipientAddresses()).containsExactly("bob@b.test");
    }

    @Test
    void aDeferredRecipientIsTemporaryAndWithoutAcceptedRecipientsNoDataIsSent() {
        ScriptedSmtpPeer peer = fixture.peer();
        peer.script().on(Phase.RCPT).reply("451 4.7.1 greylisted, try later").once();

        CourierResult result = deliver(fixture.courier(), peer, "bob@b.test");

        DeliveryOutcome bob = result.outcome("bob@b.test");
        assertThat(bob.isTemporary()).isTrue();
        assertThat(bob.status()).hasToString("4.7.1");
        assertThat(classifier.tryNextHost(bob)).isTrue();
        assertThat(peer.connections().get(0).verbs()).containsSequence("MAIL", "RCPT", "RSET").doesNotContain("DATA");
        assertThat(peer.messages()).isEmpty();
    }

    @Test
    void aRefusingGreetingFailsEveryRecipientAtGreetingAndTheNextHostIsTried() {
        ScriptedSmtpPeer peer = fixture.peer();
        peer.script().on(Phase.GREETING).reply("554 no SMTP service here").once();

        CourierResult result = deliver(fixture.courier(), peer, "bob@b.test", "carol@b.test");

        for (DeliveryOutcome outcome : result.outcomes().values()) {
            assertThat(outcome.isPermanent()).isTrue();
            assertThat(outcome.phase()).isEqualTo(SmtpPhase.GREETING);
            assertThat(outcome.status()).hasToString("5.3.2");
            assertThat(classifier.tryNextHost(outcome)).isTrue();
        }
        assertThat(peer.awaitConnections(1, WAIT).get(0).verbs()).containsExactly("QUIT");
    }

    @Test
    void aRefusedConnectionIsTemporaryNoAnswerFromHost() throws IOException {
        int port = CourierFixture.closedPort();

        CourierResult result = fixture.courier().deliver(DeliveryTarget.of(MX, "127.0.0.1"), port,
            settings(TlsPolicy.OPPORTUNISTIC), envelope("bob@b.test"), source(MESSAGE));

        DeliveryOutcome bob = result.outcome("bob@b.test");
        assertThat(bob.isTemporary()).isTrue();
        assertThat(bob.phase()).isEqualTo(SmtpPhase.CONNECT);
        assertThat(bob.status()).hasToString("4.4.1");
        assertThat(bob.reply()).isEmpty();
        assertThat(bob.remoteIp()).contains("127.0.0.1");
        assertThat(result.tls()).isFalse();
    }

    @Test
    void aDeferralAtEndOfDataIsTemporaryForEveryAcceptedRecipient() {
        ScriptedSmtpPeer peer = fixture.peer();
        peer.script().on(Phase.END_OF_DATA).reply("452 4.3.1 insufficient system storage").once();

        CourierResult result = deliver(fixture.courier(), peer, "bob@b.test", "carol@b.test");

        for (DeliveryOutcome outcome : result.outcomes().values()) {
            assertThat(outcome.isTemporary()).isTrue();
            assertThat(outcome.phase()).isEqualTo(SmtpPhase.END_OF_DATA);
            assertThat(outcome.status()).hasToString("4.3.1");
        }
        assertThat(peer.messages()).isEmpty();
    }

    @Test
    void aDisconnectAfterTheFinalDotIsTemporaryAndSaysTheMessageMayHaveArrived() {
        ScriptedSmtpPeer peer = fixture.peer();
        peer.script().on(Phase.END_OF_DATA).disconnect().once();

        DeliveryOutcome bob = deliver(fixture.courier(), peer, "bob@b.test").outcome("bob@b.test");

        assertThat(bob.isTemporary()).isTrue();
        assertThat(bob.phase()).isEqualTo(SmtpPhase.END_OF_DATA);
        assertThat(bob.status()).hasToString("4.4.2");
        assertThat(bob.text()).contains("lost connection", "may have been delivered");
    }

    @Test
    void aServerThatHangsTimesOutWithinTheCommandTimeout() {
        ScriptedSmtpPeer peer = fixture.peer();
        peer.script().on(Phase.MAIL).hang().once();
        SessionSettings quick = new SessionSettings("a.test", TlsPolicy.NONE, Optional.empty(),
            SessionSettings.Timeouts.all(Duration.ofMillis(400)));

        long started = System.nanoTime();
        DeliveryOutcome bob = deliver(fixture.courier(), peer, quick, envelope("bob@b.test")).outcome("bob@b.test");
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(bob.isTemporary()).isTrue();
        assertThat(bob.phase()).isEqualTo(SmtpPhase.MAIL);
        assertThat(bob.status()).hasToString("4.4.2");
        assertThat(bob.text()).contains("timed out");
        assertThat(took).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void aMalformedReplyIsATemporaryProtocolError() {
        ScriptedSmtpPeer peer = fixture.peer();
        peer.script().on(Phase.MAIL).reply("250-first line\r\n251 a different code").once();

        DeliveryOutcome bob = deliver(fixture.courier(), peer, "bob@b.test").outcome("bob@b.test");

        assertThat(bob.isTemporary()).isTrue();
        assertThat(bob.phase()).isEqualTo(SmtpPhase.MAIL);
        assertThat(bob.status()).hasToString("4.5.0");
    }

    @Test
    void aRefusedSenderFailsEveryRecipientAtMail() {
        ScriptedSmtpPeer peer = fixture.peer();
        peer.script().on(Phase.MAIL).reply("553 5.1.8 sender domain does not exist").once();

        CourierResult result = deliver(fixture.courier(), peer, "bob@b.test", "carol@b.test");

        assertThat(result.outcomes().values()).allSatisfy(outcome -> {
            assertThat(outcome.isPermanent()).isTrue();
            assertThat(outcome.phase()).isEqualTo(SmtpPhase.MAIL);
            assertThat(outcome.status()).hasToString("5.1.8");
        });
        assertThat(peer.connections().get(0).verbs()).doesNotContain("RCPT");
    }

    @Test
    void aMessageSourceThatFailsLeavesNoPartialMessageAndIsTemporary() {
        ScriptedSmtpPeer peer = fixture.peer();
        SocketSmtpCourier courier = fixture.courier();
        MessageSource broken = out -> {
            out.write("Subject: half\r\n".getBytes(StandardCharsets.US_ASCII));
            throw new IOException("spool file vanished");
        };

        CourierResult result = courier.deliver(target(peer), peer.port(), settings(TlsPolicy.NONE),
            envelope("bob@b.test"), broken);

        DeliveryOutcome bob = result.outcome("bob@b.test");
        assertThat(bob.isTemporary()).isTrue();
        assertThat(bob.phase()).isEqualTo(SmtpPhase.DATA);
        assertThat(bob.text()).contains("spool file vanished");
        assertThat(deliver(courier, peer, "bob@b.test").outcome("bob@b.test").isDelivered()).isTrue();
        assertThat(peer.awaitMessages(1, WAIT)).hasSize(1);
        assertThat(courier.connectionsOpened()).isEqualTo(2);
    }

    @Test
    void opportunisticTlsIsUsedWhenOffered() {
        ScriptedSmtpPeer peer = fixture.peer(PeerOptions.builder().startTls(true).build());

        CourierResult result = deliver(fixture.courier(), peer, "bob@b.test");

        assertThat(result.tls()).isTrue();
        assertThat(result.outcome("bob@b.test").isDelivered()).isTrue();
        assertThat(peer.awaitMessages(1, WAIT).get(0).tls()).isTrue();
        assertThat(peer.connections().get(0).verbs()).startsWith("EHLO", "STARTTLS", "EHLO", "MAIL");
    }

    @Test
    void opportunisticTlsGoesOnInClearWhenStarttlsIsRefused() {
        ScriptedSmtpPeer peer = fixture.peer(PeerOptions.builder().startTls(true).build());
        peer.script().on(Phase.STARTTLS).reply("454 4.7.0 TLS not available now").once();

        CourierResult result = deliver(fixture.courier(), peer, "bob@b.test");

        assertThat(result.tls()).isFalse();
        assertThat(result.outcome("bob@b.test").isDelivered()).isTrue();
        assertThat(peer.awaitMessages(1, WAIT).get(0).tls()).isFalse();
    }

    @Test
    void requiredTlsWithoutStarttlsOfferedSendsNoMail() {
        ScriptedSmtpPeer peer = fixture.peer();

        CourierResult result = deliver(fixture.courier(), peer, settings(TlsPolicy.REQUIRED), envelope("bob@b.test"));

        DeliveryOutcome bob = result.outcome("bob@b.test");
        assertThat(bob.isTemporary()).isTrue();
        assertThat(bob.status()).hasToString("4.7.4");
        assertThat(bob.phase()).isEqualTo(SmtpPhase.STARTTLS);
        assertThat(classifier.tryNextHost(bob)).isTrue();
        assertThat(peer.awaitConnections(1, WAIT).get(0).verbs()).containsExactly("EHLO", "QUIT");
    }

    @Test
    void requiredTlsWithCertificateVerificationRefusesASelfSignedServer() {
        ScriptedSmtpPeer peer = fixture.peer(PeerOptions.builder().startTls(true).build());
        SocketSmtpCourier courier = fixture.courier(CourierConfig.builder().verifyCertificatesWhenTlsRequired(true).build());

        DeliveryOutcome bob = deliver(courier, peer, settings(TlsPolicy.REQUIRED), envelope("bob@b.test"))
            .outcome("bob@b.test");

        assertThat(bob.isTemporary()).isTrue();
        assertThat(bob.status()).hasToString("4.7.5");
        assertThat(bob.phase()).isEqualTo(SmtpPhase.STARTTLS);
        assertThat(peer.connections().get(0).verbs()).doesNotContain("MAIL");
    }

    @Test
    void requiredTlsWithoutVerificationAcceptsASelfSignedServer() {
        ScriptedSmtpPeer peer = fixture.peer(PeerOptions.builder().startTls(true).build());

        CourierResult result = deliver(fixture.courier(), peer, settings(TlsPolicy.REQUIRED), envelope("bob@b.test"));

        assertThat(result.tls()).isTrue();
        assertThat(result.outcome("bob@b.test").isDelivered()).isTrue();
    }

    @Test
    void authenticatesWithPlainOverStarttls() {
        ScriptedSmtpPeer peer = fixture.peer(PeerOptions.builder().startTls(true).credentials("relay", "s3cret").build());

        CourierResult result = deliver(fixture.courier(), peer, withLogin(TlsPolicy.OPPORTUNISTIC, "relay", "s3cret"),
            envelope("bob@b.test"));

        assertThat(result.outcome("bob@b.test").isDelivered()).isTrue();
        RecordedMessage message = peer.awaitMessages(1, WAIT).get(0);
        assertThat(message.authenticatedAs()).contains("relay");
        assertThat(message.tls()).isTrue();
        RecordedConnection connection = peer.connections().get(0);
        assertThat(connection.verbs()).startsWith("EHLO", "STARTTLS", "EHLO", "AUTH", "MAIL");
        assertThat(connection.commands()).anyMatch(command -> command.startsWith("AUTH PLAIN "));
    }

    @Test
    void authenticatesWithLoginWhenPlainIsNotOffered() {
        ScriptedSmtpPeer peer = fixture.peer(PeerOptions.builder().startTls(true).credentials("relay", "s3cret")
            .extensions("8BITMIME", "AUTH LOGIN").build());

        CourierResult result = deliver(fixture.courier(), peer, withLogin(TlsPolicy.OPPORTUNISTIC, "relay", "s3cret"),
            envelope("bob@b.test"));

        assertThat(result.outcome("bob@b.test").isDelivered()).isTrue();
        assertThat(peer.awaitMessages(1, WAIT).get(0).authenticatedAs()).contains("relay");
        assertThat(peer.connections().get(0).commands()).contains("AUTH LOGIN");
    }

    @Test
    void aRefusedLoginIsTemporary() {
        ScriptedSmtpPeer peer = fixture.peer(PeerOptions.builder().startTls(true).credentials("relay", "s3cret").build());

        DeliveryOutcome bob = deliver(fixture.courier(), peer, withLogin(TlsPolicy.OPPORTUNISTIC, "relay", "wrong"),
            envelope("bob@b.test")).outcome("bob@b.test");

        assertThat(bob.isTemporary()).isTrue();
        assertThat(bob.phase()).isEqualTo(SmtpPhase.AUTH);
        assertThat(bob.status()).hasToString("4.7.8");
        assertThat(peer.connections().get(0).verbs()).doesNotContain("MAIL");
    }

    @Test
    void credentialsAreNeverSentWithoutTls() {
        ScriptedSmtpPeer peer = fixture.peer(PeerOptions.builder().credentials("relay", "s3cret").build());

        DeliveryOutcome bob = deliver(fixture.courier(), peer, withLogin(TlsPolicy.OPPORTUNISTIC, "relay", "s3cret"),
            envelope("bob@b.test")).outcome("bob@b.test");

        assertThat(bob.isTemporary()).isTrue();
        assertThat(bob.status()).hasToString("4.7.4");
        assertThat(bob.phase()).isEqualTo(SmtpPhase.AUTH);
        assertThat(peer.awaitConnections(1, WAIT).get(0).verbs()).containsExactly("EHLO", "QUIT");
    }

    @Test
    void aMessageOverTheAdvertisedSizeFailsPermanentlyWithoutMail() {
        ScriptedSmtpPeer peer = fixture.peer(PeerOptions.builder().maxMessageSize(1000).build());
        Envelope big = Envelope.of("alice@a.test", List.of(EnvelopeRecipient.of("bob@b.test"),
            EnvelopeRecipient.of("carol@b.test")), 2000);

        CourierResult result = deliver(fixture.courier(), peer, settings(TlsPolicy.NONE), big);

        assertThat(result.outcomes().values()).allSatisfy(outcome -> {
            assertThat(outcome.isPermanent()).isTrue();
            assertThat(outcome.status()).hasToString("5.3.4");
            assertThat(outcome.phase()).isEqualTo(SmtpPhase.MAIL);
            assertThat(outcome.remoteHost()).contains(MX);
        });
        assertThat(peer.connections().get(0).verbs()).doesNotContain("MAIL");
    }

    @Test
    void relaysSizeBodyAndDsnParametersWhenAdvertised() {
        ScriptedSmtpPeer peer = fixture.peer();
        Envelope envelope = new Envelope("alice@a.test", List.of(
            EnvelopeRecipient.of("bob@b.test", Optional.of("SUCCESS,FAILURE"), Optional.of("rfc822;bob@b.test")),
            EnvelopeRecipient.of("carol@b.test")), MESSAGE.length, true, Optional.of("q1+2Bx"), Optional.of("HDRS"));

        deliver(fixture.courier(), peer, settings(TlsPolicy.NONE), envelope);

        RecordedMessage message = peer.awaitMessages(1, WAIT).get(0);
        assertThat(message.declaredSize()).contains((long) MESSAGE.length);
        assertThat(message.body()).contains("8BITMIME");
        assertThat(message.ret()).contains("HDRS");
        assertThat(message.envelopeId()).contains("q1+2Bx");
        assertThat(message.recipients().get(0).notifyParameter()).contains("SUCCESS,FAILURE");
        assertThat(message.recipients().get(0).orcpt()).contains("rfc822;bob@b.test");
        assertThat(message.recipients().get(1).parameters()).isEmpty();
    }

    /**
     * James takes {@code ORCPT=rfc822;bob+tag@b.test} from a careless client as it is, though a bare
     * {@code +} is not xtext (RFC 3461 §4); relayed so, Postfix answers {@code 501 5.5.4 Bad ORCPT
     * parameter syntax} and the recipient bounces. It is relayed xtext-encoded instead.
     */
    @Test
    void anOrcptThatIsNotXtextIsRelayedEncoded() {
        ScriptedSmtpPeer peer = fixture.peer();
        Envelope envelope = Envelope.of("alice@a.test", List.of(
            EnvelopeRecipient.of("bob+tag@b.test", Optional.empty(), Optional.of("rfc822;bob+tag@b.test")),
            EnvelopeRecipient.of("carol@b.test", Optional.empty(), Optional.of("rfc822;carol+2Bnews@b.test"))),
            MESSAGE.length);

        deliver(fixture.courier(), peer, settings(TlsPolicy.NONE), envelope);

        RecordedMessage message = peer.awaitMessages(1, WAIT).get(0);
        assertThat(message.recipients().get(0).orcpt()).contains("rfc822;bob+2Btag@b.test");
        assertThat(message.recipients().get(1).orcpt()).as("already xtext: unchanged")
            .contains("rfc822;carol+2Bnews@b.test");
    }

    /** RFC 3461 §5.2.2: whether the next hop was handed NOTIFY decides who reports a success. */
    @ParameterizedTest
    @CsvSource({"DSN, true", "PIPELINING, false"})
    void aDeliveredOutcomeSaysWhetherTheServerTookTheDsnParameters(String extension, boolean passedOn) {
        ScriptedSmtpPeer peer = fixture.peer(PeerOptions.builder().extensions(extension).build());
        Envelope envelope = new Envelope("alice@a.test", List.of(
            EnvelopeRecipient.of("bob@b.test", Optional.of("SUCCESS"), Optional.empty())),
            MESSAGE.length, false, Optional.empty(), Optional.empty());

        CourierResult result = deliver(fixture.courier(), peer, settings(TlsPolicy.NONE), envelope);

        assertThat(result.outcome("bob@b.test").isDelivered()).isTrue();
        assertThat(result.outcome("bob@b.test").dsnPassedOn()).isEqualTo(passedOn);
        assertThat(peer.connections().get(0).commands()).contains(passedOn
            ? "RCPT TO:<bob@b.test> NOTIFY=SUCCESS" : "RCPT TO:<bob@b.test>");
    }

    @Test
    void sendsNoParametersTheServerDidNotAdvertise() {
        ScriptedSmtpPeer peer = fixture.peer(PeerOptions.builder().extensions("PIPELINING").build());
        Envelope envelope = new Envelope("", List.of(
            EnvelopeRecipient.of("bob@b.test", Optional.of("NEVER"), Optional.empty())),
            MESSAGE.length, true, Optional.of("id"), Optional.of("FULL"));

        deliver(fixture.courier(), peer, settings(TlsPolicy.NONE), envelope);

        assertThat(peer.awaitMessages(1, WAIT).get(0).mailParameters()).isEmpty();
        assertThat(peer.connections().get(0).commands()).contains("MAIL FROM:<>", "RCPT TO:<bob@b.test>");
    }

    @Test
    void fallsBackToHeloWhenEhloIsRefused() {
        ScriptedSmtpPeer peer = fixture.peer();
        peer.script().on(Phase.EHLO).reply("502 5.5.1 EHLO not implemented").once();

        CourierResult result = deliver(fixture.courier(), peer, "bob@b.test");

        assertThat(result.outcome("bob@b.test").isDelivered()).isTrue();
        RecordedMessage message = peer.awaitMessages(1, WAIT).get(0);
        assertThat(message.mailParameters()).isEmpty(); // no extensions after HELO, so no SIZE=
        assertThat(peer.connections().get(0).verbs()).startsWith("EHLO", "HELO", "MAIL");
    }

    @Test
    void deliversToAnIpv6Literal() {
        assumeTrue(CourierFixture.ipv6LoopbackUsable(), "no IPv6 loopback here");
        ScriptedSmtpPeer peer = fixture.peer(PeerOptions.builder().bind("::1").build());

        CourierResult result = fixture.courier().deliver(DeliveryTarget.of("mx6.b.test", "::1"), peer.port(),
            settings(TlsPolicy.OPPORTUNISTIC), envelope("bob@b.test"), source(MESSAGE));

        DeliveryOutcome bob = result.outcome("bob@b.test");
        assertThat(bob.isDelivered()).isTrue();
        assertThat(bob.remoteIp()).contains("::1");
        assertThat(peer.awaitMessages(1, WAIT).get(0).data()).isEqualTo(MESSAGE);
    }
}
