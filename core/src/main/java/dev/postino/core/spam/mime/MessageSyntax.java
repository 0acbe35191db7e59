package dev.postino.core.spam.mime;

import java.util.Optional;

/**
 * Whether raw bytes are an RFC 5322 message at all, before anything learns them as one: a header
 * section whose every line is a header field or a continuation of one, ended by an empty line or by
 * the end of the data (§2.1: the body is optional). {@link MimeReader} reads anything on purpose (a
 * check must score malformed spam); learning must not count plain text, JSON or a stray file as a
 * message.
 *
 * <p>A field name is §3.6.8's ftext: any printable US-ASCII character but the colon (real mail has
 * {@code X-It'S:} and an mbox tool's {@code >Received:}). Only the first line's name must start with a
 * letter or digit, stricter on purpose, so that a JSON line ({@code {"as": "spam"}}) is not taken for a
 * field named {@code {"as"}. White space before the colon (§4.5.3, obsolete syntax) is accepted, as
 * {@link MimeReader} reads it.
 */
public final class MessageSyntax {
    private MessageSyntax() {
    }

    /** Why {@code message} is not an RFC 5322 message, or empty when it is one. */
    public static Optional<String> problem(byte[] message) {
        if (message.length == 0) {
            return Optional.of("the message is empty");
        }
        int pos = 0;
        int line = 1;
        while (pos < message.length) {
            int next = lineEnd(message, pos);
            int end = trimEnd(message, pos, next);
            if (end == pos) {
                return line == 1 ? Optional.of("the message starts with an empty line: it has no header section")
                    : Optional.empty();
            }
            Optional<String> bad = lineProblem(message, pos, end, line);
            if (bad.isPresent()) {
                return bad;
            }
            pos = next;
            line++;
        }
        return Optional.empty();
    }

    private static Optional<String> lineProblem(byte[] message, int start, int end, int line) {
        for (int i = start; i < end; i++) {
            if (message[i] == 0) {
                return Optional.of("line " + line + " of the header section holds a NUL byte: binary data, not a message");
            }
        }
        byte first = message[start];
        if (line > 1 && (first == ' ' || first == '\t')) {
            return Optional.empty();
        }
        if (isField(message, start, end, line == 1)) {
            return Optional.empty();
        }
        if (line == 1) {
            return Optional.of(startsWith(message, start, end, "From ")
                ? "the first line is an mbox 'From ' separator, not a header field: send the message without it"
                : "the first line is not a header field (Name: value): a message starts with its header section");
        }
        return Optional.of("line " + line + " is neither a header field (Name: value) nor the continuation of one,"
            + " and no empty line ends the header section before it");
    }

    private static boolean isField(byte[] message, int start, int end, boolean firstLine) {
        int i = start;
        if (firstLine && !isLetterOrDigit(message[i])) {
            return false;
        }
        while (i < end && isFieldText(message[i])) {
            i++;
        }
        if (i == start) {
            return false; // §3.6.8: a name has one character at least
        }
        while (i < end && (message[i] == ' ' || message[i] == '\t')) {
            i++;
        }
        return i < end && message[i] == ':';
    }

    private static boolean isLetterOrDigit(byte b) {
        return b >= 'A' && b <= 'Z' || b >= 'a' && b <= 'z' || b >= '0' && b <= '9';
    }

    /** RFC 5322 §3.6.8 ftext: printable US-ASCII (33 to 126) but the colon. */
    private static boolean isFieldText(byte b) {
        return b >= 33 && b <= 126 && b != ':';
    }

    private static boolean startsWith(byte[] message, int start, int end, String prefix) {
        if (end - start < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (message[start + i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** The offset after this line's LF, or the end of the data. */
    private static int lineEnd(byte[] message, int pos) {
        for (int i = pos; i < message.length; i++) {
            if (message[i] == '\n') {
                return i + 1;
            }
        }
        return message.length;
    }

    private static int trimEnd(byte[] message, int start, int next) {
        int end = next;
        while (end > start && (message[end - 1] == '\n' || message[end - 1] == '\r')) {
            end--;
        }
        return end;
    }
}
