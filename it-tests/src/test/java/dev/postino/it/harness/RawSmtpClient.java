package dev.postino.it.harness;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A byte-exact SMTP client for hostile-input tests: what it is given goes on the wire unchanged
 * (no dot-stuffing, no line-end repair), and replies are read one at a time. Unlike
 * {@link SmtpSession} it can send bare CR or LF, NUL bytes, unterminated lines and one byte at a
 * time, and it reports a server that closes the connection instead of throwing.
 */
public final class RawSmtpClient implements AutoCloseable {
    /** A reply as read; {@link #CLOSED} when the server closed the connection instead. */
    public record Reply(int code, String text) {
        public static final Reply CLOSED = new Reply(-1, "(connection closed)");

        public boolean closed() {
            return code < 0;
        }

        @Override
        public String toString() {
            return closed() ? text : code + " " + text;
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private RawSmtpClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** Connects to 127.0.0.1:port; the greeting is not read (see {@link #reply()}). */
    public static RawSmtpClient connect(int port) {
        try {
            Socket socket = new Socket();
            socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            socket.setSoTimeout(30_000);
            return new RawSmtpClient(socket);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot connect to 127.0.0.1:" + port, e);
        }
    }

    /** Sends these bytes exactly; false if the server had already closed the connection. */
    public boolean send(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Sends the text as UTF-8, exactly as given (add the CRLF yourself). */
    public boolean send(String text) {
        return send(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends one command line with CRLF and reads its reply. */
    public Reply command(String line) {
        send(line + "\r\n");
        return reply();
    }

    /** Reads one (possibly multi-line) reply; {@link Reply#CLOSED} at end of stream or reset. */
    public Reply reply() {
        List<String> lines = new ArrayList<>();
        while (true) {
            String line = readLine();
            if (line == null) {
                return Reply.CLOSED;
            }
            if (line.length() < 3 || !line.substring(0, 3).chars().allMatch(Character::isDigit)) {
                throw new IllegalStateException("not an SMTP reply line: '" + line + "' after " + lines);
            }
            lines.add(line.length() > 4 ? line.substring(4) : "");
            if (line.length() == 3 || line.charAt(3) == ' ') {
                return new Reply(Integer.parseInt(line.substring(0, 3)), String.join(" ", lines));
            }
        }
    }

    /** Every reply until the server closes the connection (bounded by the socket timeout). */
    public List<Reply> repliesUntilClosed() {
        List<Reply> replies = new ArrayList<>();
        for (Reply reply = reply(); !reply.closed(); reply = reply()) {
            replies.add(reply);
        }
        return replies;
    }

    /**
     * Waits up to {@code limit} for the server to close the connection, ignoring what it says;
     * true if it did.
     */
    public boolean closedByServerWithin(Duration limit) {
        try {
            socket.setSoTimeout((int) limit.toMillis());
            long deadline = System.nanoTime() + limit.toNanos();
            byte[] buffer = new byte[1024];
            while (System.nanoTime() < deadline) {
                if (in.read(buffer) < 0) {
                    return true;
                }
            }
            return false;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset by the server
        }
    }

    /** The line without CRLF, or null at end of stream (or on a reset). */
    private String readLine() {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try {
            while (true) {
                int b = in.read();
                if (b < 0) {
                    return null;
                }
                if (b == '\n') {
                    byte[] bytes = line.toByteArray();
                    int end = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                    return new String(bytes, 0, end, StandardCharsets.UTF_8);
                }
                line.write(b);
            }
        } catch (SocketTimeoutException e) {
            throw new IllegalStateException("no reply within the socket timeout; so far: " + line, e);
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
