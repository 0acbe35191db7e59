package dev.postino.testing.peer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/** Lines in, replies out, on one connection; byte-level so DATA keeps the bytes as sent. */
final class SmtpWire {

    /** RFC 5321 §4.5.3.1.6: a text line is at most 1000 octets with its CRLF; we apply it to commands too. */
    static final int MAX_LINE = 1000;

    /** One command line without its line ending. */
    record Line(String text, boolean tooLong) {
    }

    /** The message as received after dot-unstuffing; empty content when a limit was broken. */
    record Data(byte[] content, boolean tooBig, boolean lineTooLong) {
    }

    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private final byte[] buffer = new byte[8192];
    private int position;
    private int limit;

    SmtpWire(Socket socket) throws IOException {
        use(socket);
    }

    /** Null at end of stream, including a last line the client never finished. */
    Line readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        long length = readRawLine(line, MAX_LINE + 2);
        if (length < 0) {
            return null;
        }
        byte[] bytes = line.toByteArray();
        int end = bytes.length;
        if (end > 0 && bytes[end - 1] == '\n') {
            end--;
        }
        if (end > 0 && bytes[end - 1] == '\r') {
            end--;
        }
        return new Line(new String(bytes, 0, end, StandardCharsets.UTF_8), length > MAX_LINE);
    }

    /**
     * Reads up to the line holding only a dot, removing the leading dot that RFC 5321 §4.5.2
     * adds to lines which start with one. Over-long lines and over-size content are read to the
     * end anyway, so the session stays in step with the client. Null at end of stream.
     */
    Data readData(long maxSize) throws IOException {
        ByteArrayOutputStream content = new ByteArrayOutputStream(4096);
        ByteArrayOutputStream line = new ByteArrayOutputStream(256);
        boolean tooBig = false;
        boolean lineTooLong = false;
        while (true) {
            line.reset();
            long length = readRawLine(line, MAX_LINE + 2);
            if (length < 0) {
                return null;
            }
            byte[] bytes = line.toByteArray();
            if (isDotLine(bytes)) {
                byte[] kept = tooBig || lineTooLong ? new byte[0] : content.toByteArray();
                return new Data(kept, tooBig, lineTooLong);
            }
            lineTooLong |= length > MAX_LINE;
            int skip = bytes[0] == '.' ? 1 : 0;
            tooBig |= content.size() + bytes.length - skip > maxSize;
            if (!tooBig && !lineTooLong) {
                content.write(bytes, skip, bytes.length - skip);
            }
        }
    }

    void write(List<String> lines) throws IOException {
        StringBuilder reply = new StringBuilder();
        for (String line : lines) {
            reply.append(line).append("\r\n");
        }
        out.write(reply.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    void write(String line) throws IOException {
        write(List.of(line));
    }

    /**
     * Runs the server side of the handshake. Anything the client sent after STARTTLS in the clear
     * is dropped (RFC 3207 §4.2, and the STARTTLS command-injection flaw of 2011).
     */
    void startTls(SSLContext context) throws IOException {
        SSLSocket tls = (SSLSocket) context.getSocketFactory()
            .createSocket(socket, socket.getInetAddress().getHostAddress(), socket.getPort(), true);
        tls.setUseClientMode(false);
        tls.startHandshake();
        use(tls);
    }

    /**
     * Reads and ignores whatever comes until the client leaves or the socket is closed under us
     * (the peer stopping): a hung server that still notices a client giving up, so a HANG does
     * not keep a thread past its client.
     */
    void drainUntilClosed() {
        while (true) {
            try {
                if (in.read(buffer) < 0) {
                    return;
                }
            } catch (java.net.SocketTimeoutException e) {
                // idle is what hanging means; keep waiting
            } catch (IOException e) {
                return;
            }
        }
    }

    void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    /** The reply code of the last line, or -1 when it has none. */
    static int codeOf(List<String> lines) {
        if (lines.isEmpty()) {
            return -1;
        }
        String last = lines.get(lines.size() - 1);
        if (last.length() < 3 || (last.length() > 3 && last.charAt(3) != ' ' && last.charAt(3) != '-')) {
            return -1;
        }
        for (int i = 0; i < 3; i++) {
            if (!Character.isDigit(last.charAt(i))) {
                return -1;
            }
        }
        return Integer.parseInt(last.substring(0, 3));
    }

    private void use(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.position = 0;
        this.limit = 0;
    }

    /**
     * Copies one line, LF included, into {@code sink}, keeping at most {@code keep} bytes of it.
     * Returns the line's full length, or -1 when the stream ends before its LF.
     */
    private long readRawLine(ByteArrayOutputStream sink, int keep) throws IOException {
        long length = 0;
        while (true) {
            if (position == limit && !fill()) {
                return -1;
            }
            int start = position;
            while (position < limit && buffer[position] != '\n') {
                position++;
            }
            boolean complete = position < limit;
            if (complete) {
                position++;
            }
            int count = position - start;
            int room = (int) Math.max(0, Math.min(count, keep - length));
            sink.write(buffer, start, room);
            length += count;
            if (complete) {
                return length;
            }
        }
    }

    private static boolean isDotLine(byte[] line) {
        return line.length == 3 && line[0] == '.' && line[1] == '\r' && line[2] == '\n'
            || line.length == 2 && line[0] == '.' && line[1] == '\n';
    }

    private boolean fill() throws IOException {
        int read = in.read(buffer);
        if (read <= 0) {
            return false;
        }
        position = 0;
        limit = read;
        return true;
    }
}
