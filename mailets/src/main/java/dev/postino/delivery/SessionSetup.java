package dev.postino.delivery;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.postino.core.delivery.DeliveryOutcome;
import dev.postino.core.delivery.SmtpPhase;
import dev.postino.core.delivery.TransportFailure;
import dev.postino.core.route.TlsPolicy;

/**
 * Opens a session up to the point where a mail transaction can start: connect, greeting, EHLO
 * (HELO when EHLO is refused), STARTTLS as the policy says, AUTH when credentials are set.
 * A refusal at any step settles every recipient of the attempt and leaves the session to be
 * closed; an exception is left to the caller, which knows the step from the attempt.
 */
final class SessionSetup {
    private static final Logger LOGGER = LoggerFactory.getLogger(SessionSetup.class);

    private final ScheduledExecutorService watchdog;
    private final boolean verifyCertificatesWhenTlsRequired;

    SessionSetup(ScheduledExecutorService watchdog, boolean verifyCertificatesWhenTlsRequired) {
        this.watchdog = watchdog;
        this.verifyCertificatesWhenTlsRequired = verifyCertificatesWhenTlsRequired;
    }

    /** A connected session, not yet greeted. */
    SmtpSession connect(DeliveryAttempt attempt, int port, SessionSettings settings, String poolKey) throws IOException {
        attempt.enter(SmtpPhase.CONNECT);
        // An IP literal: getByName parses it without asking DNS.
        InetAddress address = InetAddress.getByName(attempt.target().ip());
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(address, port), SmtpWire.millis(settings.timeouts().connect));
            return new SmtpSession(new SmtpWire(socket, watchdog), poolKey);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** True when the session is ready for MAIL; false when a step was refused (outcomes settled). */
    boolean setUp(SmtpSession session, DeliveryAttempt attempt, SessionSettings settings) throws IOException {
        attempt.enter(SmtpPhase.GREETING);
        if (!attempt.proceed(SmtpPhase.GREETING, session.read(settings.timeouts().greeting))) {
            return false;
        }
        return hello(session, attempt, settings) && startTls(session, attempt, settings)
            && authenticate(session, attempt, settings);
    }

    /** EHLO; on a 5yz, HELO and no extensions (RFC 5321 §3.2: a server that knows no EHLO). */
    private boolean hello(SmtpSession session, DeliveryAttempt attempt, SessionSettings settings) throws IOException {
        attempt.enter(SmtpPhase.EHLO);
        WireReply reply = session.command("EHLO " + settings.heloName(), settings.timeouts().command);
        if (reply.code() / 100 == 5) {
            WireReply helo = session.command("HELO " + settings.heloName(), settings.timeouts().command);
            session.capabilities(EhloCapabilities.NONE);
            return attempt.proceed(SmtpPhase.EHLO, helo);
        }
        if (!attempt.proceed(SmtpPhase.EHLO, reply)) {
            return false;
        }
        session.capabilities(EhloCapabilities.parse(reply.lines()));
        return true;
    }

    private boolean startTls(SmtpSession session, DeliveryAttempt attempt, SessionSettings settings) throws IOException {
        TlsPolicy policy = settings.tls();
        if (policy == TlsPolicy.NONE) {
            return true;
        }
        attempt.enter(SmtpPhase.STARTTLS);
        if (!session.capabilities().startTls()) {
            if (policy == TlsPolicy.REQUIRED) {
                // Nothing after EHLO: the mail is not sent in clear.
                attempt.failOpen(TransportFailure.TLS_REQUIRED_BUT_NOT_OFFERED, "");
                return false;
            }
            return true;
        }
        WireReply reply = session.command("STARTTLS", settings.timeouts().command);
        DeliveryOutcome outcome = attempt.classifier().classify(SmtpPhase.STARTTLS, reply.reply());
        if (!outcome.isDelivered()) {
            if (policy == TlsPolicy.OPPORTUNISTIC && !reply.closesSession()) {
                // No handshake began, so the session is intact; opportunistic TLS continues in clear
                // (RFC 3207 §4.1 leaves it to the client), as Postfix's "may" level does.
                LOGGER.info("target={} refused STARTTLS ({}); continuing without TLS", attempt.target(), reply);
                return true;
            }
            attempt.settleOpen(outcome);
            return false;
        }
        // A failed handshake throws: the attempt fails with TLS_FAILED, never falling back to clear
        // on this connection, whose state after a broken handshake is unknown.
        boolean verify = policy == TlsPolicy.REQUIRED && verifyCertificatesWhenTlsRequired;
        session.tlsStarted(ClientTls.handshake(session.socket(), attempt.target().host(), verify,
            settings.timeouts().command, watchdog));
        return hello(session, attempt, settings);
    }

    /**
     * AUTH PLAIN (RFC 4616) if offered, else LOGIN; only over TLS, so a password never crosses
     * the network in clear. A server offering neither gets the mail unauthenticated, as Postfix
     * does: it may accept it anyway, and if not its refusal is the outcome.
     */
    private boolean authenticate(SmtpSession session, DeliveryAttempt attempt, SessionSettings settings)
        throws IOException {
        if (settings.credentials().isEmpty()) {
            return true;
        }
        SessionSettings.Credentials credentials = settings.credentials().get();
        attempt.enter(SmtpPhase.AUTH);
        if (!session.tls()) {
            attempt.failOpen(TransportFailure.TLS_REQUIRED_BUT_NOT_OFFERED,
                "credentials are configured and are never sent without TLS");
            return false;
        }
        Set<String> mechanisms = session.capabilities().authMechanisms();
        if (mechanisms.contains("PLAIN")) {
            return plain(session, attempt, settings, credentials);
        }
        if (mechanisms.contains("LOGIN")) {
            return login(session, attempt, settings, credentials);
        }
        LOGGER.warn("target={} offers no AUTH PLAIN or LOGIN (offered: {}); sending unauthenticated",
            attempt.target(), mechanisms);
        return true;
    }

    private boolean plain(SmtpSession session, DeliveryAttempt attempt, SessionSettings settings,
                          SessionSettings.Credentials credentials) throws IOException {
        // RFC 4954 §4 initial response: authzid (empty) NUL authcid NUL password.
        String response = base64("\0" + credentials.username + "\0" + credentials.password);
        WireReply reply = session.command("AUTH PLAIN " + response, settings.timeouts().command);
        if (reply.code() == 334) {
            session.command("*", settings.timeouts().command); // RFC 4954 §4: cancel the exchange
            attempt.failOpen(TransportFailure.PROTOCOL_ERROR, "the server asked for more than AUTH PLAIN's response");
            return false;
        }
        return attempt.proceed(SmtpPhase.AUTH, reply);
    }

    private boolean login(SmtpSession session, DeliveryAttempt attempt, SessionSettings settings,
                          SessionSettings.Credentials credentials) throws IOException {
        WireReply reply = session.command("AUTH LOGIN", settings.timeouts().command);
        if (reply.code() == 334) {
            reply = session.command(base64(credentials.username), settings.timeouts().command);
        }
        if (reply.code() == 334) {
            reply = session.command(base64(credentials.password), settings.timeouts().command);
        }
        if (reply.code() == 334) {
            session.command("*", settings.timeouts().command);
            attempt.failOpen(TransportFailure.PROTOCOL_ERROR, "the server asked for more than AUTH LOGIN's two answers");
            return false;
        }
        return attempt.proceed(SmtpPhase.AUTH, reply);
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
