package dev.postino.delivery;

import java.io.IOException;

/** The server sent something that is not an RFC 5321 §4.2 reply; the session cannot go on. */
final class MalformedReplyException extends IOException {
    private static final long serialVersionUID = 1L;

    MalformedReplyException(String message) {
        super(message);
    }
}
