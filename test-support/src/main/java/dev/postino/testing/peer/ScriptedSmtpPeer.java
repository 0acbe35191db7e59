package dev.postino.testing.peer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;

/**
 * An SMTP server inside the test JVM, playing the remote MX or smarthost James delivers to. By
 * default it accepts everything; {@link #script()} makes it refuse, defer, drop or hang at any
 * command, and the recording says what it saw.
 *
 * <pre>{@code
 * try (ScriptedSmtpPeer mx = new ScriptedSmtpPeer(PeerOptions.builder().startTls(true).build()).start()) {
 *     mx.script().onRcpt("bob@b.test").reply("451 4.7.1 try later").times(2);
 *     // ... let James deliver to 127.0.0.1:mx.port() ...
 *     RecordedMessage mail = mx.awaitMessages(1, Duration.ofSeconds(30)).get(0);
 * }
 * }</pre>
 *
 * <p>{@link #stop()} then {@link #start()} (or {@link #restart()}) listens on the same port again,
 * to model an MX that is down for a while. Script and recording survive a restart.
 */
public final class ScriptedSmtpPeer implements AutoCloseable {

    private final PeerOptions options;
    private final PeerScript script = new PeerScript();
    private final PeerRecording recording = new PeerRecording();
    private final Object lifecycle = new Object();
    private int port; // guarded by lifecycle; the bound port once started
    private PeerListener listener; // guarded by lifecycle; null while stopped

    public ScriptedSmtpPeer(PeerOptions options) {
        this.options = options;
        this.port = options.port();
    }

    /** A peer on 127.0.0.1, random port, plain SMTP, no AUTH. Not started. */
    public static ScriptedSmtpPeer onLoopback() {
        return new ScriptedSmtpPeer(PeerOptions.defaults());
    }

    /** Listens (on the port of the last run, if any). Does nothing if already running. */
    public ScriptedSmtpPeer start() {
        synchronized (lifecycle) {
            if (listener != null) {
                return this;
            }
            SSLContext tls = options.startTls() ? SelfSignedCertificate.get().serverContext() : null;
            try {
                listener = PeerListener.open(new InetSocketAddress(options.bindAddress(), port), options.maxConnections(),
                    (socket, stopped) -> new SmtpSession(socket, options, script, recording, stopped, tls).serve());
            } catch (IOException e) {
                throw new UncheckedIOException("smtp peer cannot listen on "
                    + options.bindAddress().getHostAddress() + " port " + port + ": " + e.getMessage(), e);
            }
            port = listener.port();
            return this;
        }
    }

    /** Closes the listener and every live connection, releasing hung and delayed replies. */
    public void stop() {
        synchronized (lifecycle) {
            if (listener != null) {
                listener.close();
                listener = null;
            }
        }
    }

    public ScriptedSmtpPeer restart() {
        synchronized (lifecycle) {
            stop();
            return start();
        }
    }

    @Override
    public void close() {
        stop();
    }

    public boolean isRunning() {
        synchronized (lifecycle) {
            return listener != null;
        }
    }

    /** The bound port (kept after stop); before the first start, the configured one. */
    public int port() {
        synchronized (lifecycle) {
            return port;
        }
    }

    /** The bind address as an IP literal, e.g. {@code 127.0.0.1} or {@code ::1} (no brackets). */
    public String host() {
        return options.bindAddress().getHostAddress();
    }

    public InetSocketAddress address() {
        return new InetSocketAddress(options.bindAddress(), port());
    }

    public PeerOptions options() {
        return options;
    }

    public PeerScript script() {
        return script;
    }

    public int connectionCount() {
        return recording.connections().size();
    }

    public List<RecordedConnection> connections() {
        return recording.connections();
    }

    public List<RecordedMessage> messages() {
        return recording.messages();
    }

    /** Accepted messages with this address among their accepted recipients (case-insensitive). */
    public List<RecordedMessage> messagesFor(String address) {
        return recording.messages().stream().filter(m -> m.isFor(address)).toList();
    }

    /** All messages once there are at least {@code count}; an AssertionError saying what arrived if not in time. */
    public List<RecordedMessage> awaitMessages(int count, Duration timeout) {
        return recording.awaitMessages(count, timeout);
    }

    public List<RecordedConnection> awaitConnections(int count, Duration timeout) {
        return recording.awaitConnections(count, timeout);
    }

    /** Forgets connections and messages seen so far (ids keep counting). */
    public void clearRecording() {
        recording.clear();
    }

    @Override
    public String toString() {
        return "ScriptedSmtpPeer[" + host() + " port " + port() + (isRunning() ? ", running]" : ", stopped]");
    }
}
