package dev.postino.delivery;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;

/**
 * One open SMTP connection past its greeting, and what we learnt on it: the extensions, whether
 * TLS and AUTH are in force, how many deliveries it carried. Used by one thread at a time: the
 * delivering thread, or the pool while it is idle.
 */
final class SmtpSession {
    private final SmtpWire wire;
    private final String poolKey;
    private EhloCapabilities capabilities = EhloCapabilities.NONE;
    private boolean tls;
    private boolean usable = true;
    private int deliveries;
    private Instant idleSince;
    private Runnable onClose = () -> { };
    private boolean closed;

    SmtpSession(SmtpWire wire, String poolKey) {
        this.wire = wire;
        this.poolKey = poolKey;
    }

    /** Sends one command and reads its reply, both under {@code timeout}. */
    WireReply command(String line, Duration timeout) throws IOException {
        return command(line, timeout, timeout);
    }

    WireReply command(String line, Duration sendTimeout, Duration replyTimeout) throws IOException {
        wire.send(line, sendTimeout);
        WireReply reply = wire.read(replyTimeout);
        if (reply.closesSession()) {
            usable = false;
        }
        return reply;
    }

    WireReply read(Duration timeout) throws IOException {
        WireReply reply = wire.read(timeout);
        if (reply.closesSession()) {
            usable = false;
        }
        return reply;
    }

    SmtpWire wire() {
        return wire;
    }

    Socket socket() {
        return wire.socket();
    }

    /** RFC 3207 §4.2: after the handshake, all knowledge from before it is void until the next EHLO. */
    void tlsStarted(Socket tlsSocket) throws IOException {
        wire.upgrade(tlsSocket);
        tls = true;
        capabilities = EhloCapabilities.NONE;
    }

    boolean tls() {
        return tls;
    }

    EhloCapabilities capabilities() {
        return capabilities;
    }

    void capabilities(EhloCapabilities announced) {
        this.capabilities = announced;
    }

    /** The connection is in no state for another command (421, or a message cut off mid-DATA). */
    void unusable() {
        usable = false;
    }

    boolean usable() {
        return usable;
    }

    String poolKey() {
        return poolKey;
    }

    int deliveries() {
        return deliveries;
    }

    void countDelivery() {
        deliveries++;
    }

    Instant idleSince() {
        return idleSince;
    }

    void idleSince(Instant since) {
        this.idleSince = since;
    }

    /** RSET (RFC 5321 §4.1.1.5) before reuse: true when the server answered 2yz, so the session is sound. */
    boolean reset(Duration timeout) {
        try {
            return command("RSET", timeout).code() / 100 == 2;
        } catch (Exception e) {
            return false;
        }
    }

    /**
     * QUIT when the session can still take a command, then close; waits at most {@code wait} for
     * the 221. A session that cannot take one is aborted instead.
     */
    void quit(Duration wait) {
        if (!usable) {
            abort();
            return;
        }
        try {
            command("QUIT", wait);
        } catch (Exception e) {
            abort(); // leaving anyway; a server that does not answer QUIT loses nothing
            return;
        }
        usable = false;
        wire.close();
        closed();
    }

    /** Drops the connection without a word: after a transport failure its state is unknown. */
    void abort() {
        usable = false;
        wire.abort();
        closed();
    }

    /** Runs once, when the connection is closed either way (the courier counts open connections). */
    void onClose(Runnable action) {
        this.onClose = action;
    }

    private void closed() {
        if (!closed) {
            closed = true;
            onClose.run();
        }
    }
}
