package dev.postino.delivery;

import java.util.Enumeration;

import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.mailet.Mail;

/**
 * The size announced with {@code SIZE=} (RFC 1870 §6): the octets DATA will carry, before dot
 * stuffing. James's {@code Mail.getMessageSize()} gives it, but once a mailet has changed a header
 * (the spam tags, a DKIM signature, a cleaned {@code Received}) it finds it by parsing the stored
 * headers again and copying the new ones through a stream, on every attempt. The body's stored
 * size and the header lines in memory give the same figure without that.
 */
public final class MessageSize {
    private static final int CRLF = 2;

    private MessageSize() {
    }

    public static long of(Mail mail) throws MessagingException {
        MimeMessage message = mail.getMessage();
        int body = message.getSize();
        if (body < 0) {
            return mail.getMessageSize(); // a changed body: only James can tell
        }
        long size = body + CRLF; // the empty line between header and body
        Enumeration<String> lines = message.getAllHeaderLines();
        while (lines.hasMoreElements()) {
            size += octets(lines.nextElement()) + CRLF; // a folded line holds its inner CRLFs
        }
        return size;
    }

    /** UTF-8 octets of a header line; a surrogate pair counts 6 rather than 4, never less than sent. */
    private static long octets(String line) {
        long octets = line.length();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c >= 0x80) {
                octets += c >= 0x800 ? 2 : 1;
            }
        }
        return octets;
    }
}
