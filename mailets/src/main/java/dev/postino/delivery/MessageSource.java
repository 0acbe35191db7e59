package dev.postino.delivery;

import java.io.IOException;
import java.io.OutputStream;

/**
 * The message to send, as RFC 5322 bytes with CRLF line ends and without dot-stuffing (the
 * courier stuffs). Written once per transaction; may be written again for another host.
 */
@FunctionalInterface
public interface MessageSource {
    void writeTo(OutputStream out) throws IOException;
}
