package dev.postino.delivery;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Message content on its way into DATA: a line that starts with a dot gets a second one (RFC 5321
 * §4.5.2 transparency), a bare LF becomes CRLF (RFC 5321 §2.3.8 allows no other line end), and
 * {@link #finish()} makes sure the content ends with CRLF before the terminating {@code .CRLF}, so
 * a message without a final line break cannot swallow the terminator.
 *
 * <p>A line longer than {@link #MAX_LINE} octets is broken with CRLF and a space, as Postfix's
 * {@code smtp_line_length_limit} does: RFC 5321 §4.5.3.1.6 allows 1000 octets with the CRLF, and
 * a strict server refuses the whole message at the end of data ({@code 500 5.5.2}), so without
 * this one long line would bounce it. The space makes a broken header a folded one (RFC 5322
 * §2.2.3) and keeps a continuation from starting with a dot.
 *
 * <p>Remembers whether the connection failed under it, to tell a broken connection from a
 * message source that could not be read.
 */
final class DotStuffingOutputStream extends OutputStream {
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] CR = {'\r'};
    private static final byte[] DOT = {'.'};
    private static final byte[] TERMINATOR = {'.', '\r', '\n'};
    private static final byte[] FOLD = {'\r', '\n', ' '};
    /** Octets of a line before its CRLF (RFC 5321 §4.5.3.1.6: 1000 with the CRLF). */
    static final int MAX_LINE = 998;

    private final OutputStream out;
    private int previous = '\n'; // the message starts at the start of a line
    private int lineLength; // octets sent on the current line, stuffed dots included
    private boolean connectionFailed;

    DotStuffingOutputStream(OutputStream out) {
        this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        int run = offset;
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            byte b = bytes[i];
            if (b != '\n' && b != '\r' && lineLength >= MAX_LINE) {
                sink(bytes, run, i - run);
                sink(FOLD, 0, FOLD.length);
                run = i;
                lineLength = 1;
                previous = ' ';
            }
            if (b == '\n' && previous != '\r') {
                sink(bytes, run, i - run);
                sink(CR, 0, 1);
                run = i;
            } else if (b == '.' && previous == '\n') {
                sink(bytes, run, i - run);
                sink(DOT, 0, 1);
                run = i;
                lineLength++;
            }
            lineLength = b == '\n' ? 0 : lineLength + 1;
            previous = b;
        }
        sink(bytes, run, end - run);
    }

    /** Ends the last line if needed, sends the terminating dot and flushes. */
    void finish() throws IOException {
        if (previous == '\r') {
            sink(CRLF, 1, 1);
        } else if (previous != '\n') {
            sink(CRLF, 0, 2);
        }
        sink(TERMINATOR, 0, TERMINATOR.length);
        try {
            out.flush();
        } catch (IOException e) {
            connectionFailed = true;
            throw e;
        }
        previous = '\n';
        lineLength = 0;
    }

    /** True when a write to the connection failed (rather than the message source). */
    boolean connectionFailed() {
        return connectionFailed;
    }

    /** The message source may close what it was given; the connection stays open. */
    @Override
    public void close() {
    }

    private void sink(byte[] bytes, int offset, int length) throws IOException {
        if (length == 0) {
            return;
        }
        try {
            out.write(bytes, offset, length);
        } catch (IOException e) {
            connectionFailed = true;
            throw e;
        }
    }
}
