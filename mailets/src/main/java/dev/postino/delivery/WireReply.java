package dev.postino.delivery;

import java.util.List;

import dev.postino.core.smtp.SmtpReply;

/**
 * One reply as it came off the wire: its lines as sent (EHLO keywords live one per line, which
 * {@link SmtpReply} joins) and the parsed value the classifier judges.
 */
final class WireReply {
    private final List<String> lines;
    private final SmtpReply reply;

    WireReply(List<String> lines, SmtpReply reply) {
        this.lines = List.copyOf(lines);
        this.reply = reply;
    }

    List<String> lines() {
        return lines;
    }

    SmtpReply reply() {
        return reply;
    }

    int code() {
        return reply.code();
    }

    /** RFC 5321 §3.8: the server is shutting the channel; the session is over whatever we do. */
    boolean closesSession() {
        return reply.code() == 421;
    }

    @Override
    public String toString() {
        return reply.toString();
    }
}
