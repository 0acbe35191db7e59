package dev.postino.bench.relay;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Reads CRLF- (or LF-) terminated lines from a buffered socket stream, without the line end. */
final class SmtpLines {
    private final InputStream in;
    private final byte[] buffer = new byte[16384];
    private int start;
    private int end;
    private final StringBuilder line = new StringBuilder();

    SmtpLines(InputStream in) {
        this.in = in;
    }

    /** The next line, or null at end of stream. */
    String next() throws IOException {
        line.setLength(0);
        while (true) {
            for (int i = start; i < end; i++) {
                if (buffer[i] == '\n') {
                    line.append(new String(buffer, start, i - start, StandardCharsets.ISO_8859_1));
                    start = i + 1;
                    int length = line.length();
                    if (length > 0 && line.charAt(length - 1) == '\r') {
                        line.setLength(length - 1);
                    }
                    return line.toString();
                }
            }
            line.append(new String(buffer, start, end - start, StandardCharsets.ISO_8859_1));
            start = 0;
            end = in.read(buffer);
            if (end < 0) {
                end = 0;
                return null;
            }
        }
    }
}
