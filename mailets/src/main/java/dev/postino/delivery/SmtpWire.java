package dev.postino.delivery;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;

import dev.postino.core.smtp.SmtpReply;

/**
 * Commands out, replies in, on one connection, every step under a time limit. Knows the syntax
 * of the wire (CRLF lines, multi-line replies) and nothing of the SMTP dialogue.
 */
final class SmtpWire implements AutoCloseable {
    // RFC 5321 §4.5.3.1.5 allows 512 octets per reply line; we take more, but not without bound.
    private static final int MAX_LINE = 4096;
    private static final int MAX_LINES = 200;

    private final ScheduledExecutorService watchdog;
    private final Socket tcp; // the connection itself, under any TLS layer
    private Socket socket;
    private InputStream in;
    /** When the reply being read began ({@link System#nanoTime()}) and how long it may take, in nanoseconds. */
    private long replyStarted;
    private long replyBudget;
    private TimedOutputStream timed;
    private OutputStream out;

    SmtpWire(Socket socket, ScheduledExecutorService watchdog) throws IOException {
        this.watchdog = watchdog;
        this.tcp = socket;
        use(socket);
    }

    Socket socket() {
        return socket;
    }

    /** Sends one command line. A line break inside it would smuggle a second command: refused. */
    void send(String command, Duration timeout) throws IOException {
        if (command.indexOf('\r') >= 0 || command.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("an SMTP command must not contain a line break");
        }
        timed.timeout(timeout);
        try {
            out.write((command + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw timedOutIfExpired(e);
        }
    }

    /**
     * Reads one reply, all its lines; {@link MalformedReplyException} when it is not one. The
     * timeout bounds the whole reply, not each read: a server sending a byte now and then must
     * not hold the delivery thread beyond it (RFC 5321 §4.5.3.2 times the wait for the reply).
     * In clear each read gets what is left of the time; over TLS one read is many reads of the
     * socket, each with that same read timeout, so an alarm also closes the connection at the
     * deadline.
     */
    WireReply read(Duration timeout) throws IOException {
        replyStarted = System.nanoTime();
        // Saturated: a configured timeout of centuries must not overflow into "already expired".
        replyBudget = timeout.compareTo(Duration.ofDays(36_500)) > 0 ? Long.MAX_VALUE : Math.max(1, timeout.toNanos());
        SocketAlarm alarm = SocketAlarm.arm(tcp, timeout, watchdog);
        String timedOut = "reply timed out after " + timeout + ", connection closed";
        WireReply reply;
        try {
            reply = readReply();
        } catch (IOException e) {
            throw alarm.disarm() ? SocketAlarm.timedOut(timedOut, e) : e;
        } finally {
            alarm.disarm();
        }
        if (alarm.disarm()) {
            throw SocketAlarm.timedOut(timedOut, null); // the last byte came as the alarm closed the connection
        }
        return reply;
    }

    private WireReply readReply() throws IOException {
        List<String> lines = new ArrayList<>();
        try {
            while (true) {
                String line = readLine();
                if (!startsWithCode(line)) {
                    throw new MalformedReplyException("not an SMTP reply line: '" + printable(line) + "'");
                }
                lines.add(line);
                if (!isContinuation(line)) {
                    return new WireReply(lines, SmtpReply.parse(lines));
                }
                if (lines.size() >= MAX_LINES) {
                    throw new MalformedReplyException("reply longer than " + MAX_LINES + " lines");
                }
            }
        } catch (IllegalArgumentException e) {
            throw new MalformedReplyException(e.getMessage());
        } catch (IOException e) {
            throw timedOutIfExpired(e);
        }
    }

    /**
     * The raw stream for the message content, each write limited by {@code blockTimeout}.
     * Closing it leaves the connection open.
     */
    OutputStream dataStream(Duration blockTimeout) {
        timed.timeout(blockTimeout);
        return out;
    }

    /**
     * Carries on over the TLS socket wrapping this one. Anything the server sent in clear after
     * its 220 to STARTTLS is dropped unread (RFC 3207 §4.2, and the 2011 STARTTLS injection flaw).
     */
    void upgrade(Socket tls) throws IOException {
        use(tls);
    }

    /** Closes the connection, ending TLS properly (close_notify) when it is up. */
    @Override
    public void close() {
        closeQuietly(socket);
        closeQuietly(tcp);
    }

    /**
     * Closes the TCP connection under any TLS layer first: after a failure the TLS layer may be
     * stuck in a write, and must not hold us up with a close_notify nobody reads.
     */
    void abort() {
        closeQuietly(tcp);
        closeQuietly(socket);
    }

    private static void closeQuietly(Socket closing) {
        try {
            closing.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    private void use(Socket next) throws IOException {
        this.socket = next;
        this.in = new BufferedInputStream(new DeadlineInputStream(next), 4096);
        // The watchdog closes the TCP socket, never the TLS one: closing an SSLSocket from another
        // thread while a write holds its lock can block the watchdog itself.
        this.timed = new TimedOutputStream(next.getOutputStream(), tcp, watchdog);
        this.out = new BufferedOutputStream(timed, 8192);
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed by the server"
                    + (line.size() > 0 ? " in the middle of a reply" : ""));
            }
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int end = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, end, StandardCharsets.UTF_8);
            }
            if (line.size() >= MAX_LINE) {
                throw new MalformedReplyException("reply line longer than " + MAX_LINE + " bytes");
            }
            line.write(b);
        }
    }

    /** RFC 5321 §4.2.1: {@code 250-text} announces another line; {@code 250 text} or {@code 250} ends. */
    private static boolean isContinuation(String line) {
        return line.length() > 3 && line.charAt(3) == '-';
    }

    private static boolean startsWithCode(String line) {
        return line.length() >= 3 && isDigit(line.charAt(0)) && isDigit(line.charAt(1)) && isDigit(line.charAt(2));
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** At most 100 characters, control characters shown as '?', for messages and logs. */
    static String printable(String text) {
        StringBuilder shown = new StringBuilder();
        for (int i = 0; i < text.length() && i < 100; i++) {
            char c = text.charAt(i);
            shown.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return text.length() > 100 ? shown + "..." : shown.toString();
    }

    /** The socket's input, each read given only what is left of the current reply's time. */
    private final class DeadlineInputStream extends InputStream {
        private final Socket source;
        private final InputStream raw;

        DeadlineInputStream(Socket source) throws IOException {
            this.source = source;
            this.raw = source.getInputStream();
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            long left = replyBudget - (System.nanoTime() - replyStarted);
            if (left <= 0) {
                throw new SocketTimeoutException("reply timed out");
            }
            source.setSoTimeout(millis(Duration.ofNanos(left)));
            return raw.read(buffer, offset, length);
        }

        @Override
        public int available() throws IOException {
            return raw.available();
        }
    }

    private IOException timedOutIfExpired(IOException e) {
        if (timed.expired() && !(e instanceof SocketTimeoutException)) {
            SocketTimeoutException timedOut = new SocketTimeoutException("write timed out, connection closed");
            timedOut.initCause(e);
            return timedOut;
        }
        return e;
    }

    /** A zero or negative limit would mean "wait forever" to a socket; we never want that. */
    static int millis(Duration timeout) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
    }
}
