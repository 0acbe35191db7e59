package dev.postino.spam;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;

import javax.mail.MessagingException;
import javax.mail.internet.ParseException;

import org.apache.mailet.Mail;

import dev.postino.core.deliverability.SenderAuthentication;
import dev.postino.core.spam.SpamInput;
import dev.postino.core.spam.mime.MimeMessage;
import dev.postino.core.spam.mime.MimeReader;
import dev.postino.mailets.PostinoAttributes;

/**
 * Reads a James {@link Mail} into the core's {@link SpamInput}: at most
 * {@link MimeReader#DEFAULT_MAX_BYTES} of the message (the reader looks at no more, so a 25 MB
 * mail costs what a 512 KB one does), the arrival time, and, in the SMTP hook, the HELO name.
 */
public final class SpamInputs {
    private static final MimeReader READER = new MimeReader();
    private static final byte[] CRLF = {'\r', '\n'};

    private SpamInputs() {
    }

    public static SpamInput of(Mail mail, Instant now) throws MessagingException {
        SpamInput input = SpamInput.of(read(mail.getMessage()), now);
        return senderAuthentication(mail).map(input::withSenderAuthentication).orElse(input);
    }

    /** SPF/DKIM/DMARC as CheckSenderAuthentication measured them on arrival (inbound mail only). */
    public static Optional<Map<String, String>> senderAuthentication(Mail mail) {
        return mail.getAttribute(PostinoAttributes.SENDER_AUTHENTICATION)
            .map(attribute -> String.valueOf(attribute.getValue().value()))
            .flatMap(SenderAuthentication::parseText);
    }

    /** Raw message bytes (the caller read at most {@link MimeReader#DEFAULT_MAX_BYTES}) and the HELO name. */
    public static SpamInput of(byte[] head, Instant now, Optional<String> helo) {
        SpamInput input = SpamInput.of(READER.read(head), now);
        return helo.map(input::withHeloName).orElse(input);
    }

    static MimeMessage read(javax.mail.internet.MimeMessage message) throws MessagingException {
        try {
            return READER.read(head(message::writeTo));
        } catch (ParseException e) {
            // javax.mail saves pending header edits (another mailet's) before writing, and saving
            // parses the Content-Type: one it cannot parse ("text/plain; charset") must not keep the
            // message from being scored, or such spam passes unscored. Its lines and raw body then.
            return READER.read(head(out -> writeRaw(message, out)));
        }
    }

    /** A way to write the message. */
    private interface Source {
        void writeTo(OutputStream out) throws IOException, MessagingException;
    }

    /** The first {@link MimeReader#DEFAULT_MAX_BYTES} that {@code source} writes. */
    private static byte[] head(Source source) throws MessagingException {
        BoundedBuffer buffer = new BoundedBuffer(MimeReader.DEFAULT_MAX_BYTES);
        try {
            source.writeTo(buffer);
        } catch (ParseException e) {
            if (!buffer.isFull()) {
                throw e;
            }
        } catch (IOException | MessagingException e) {
            if (!buffer.isFull()) {
                throw new MessagingException("cannot read the message for the spam check: " + e.getMessage(), e);
            }
            // Full: enough read, the rest is never examined (some writers wrap our signal).
        }
        return buffer.toByteArray();
    }

    /** The header lines as they are and the body as it arrived, without parsing either. */
    private static void writeRaw(javax.mail.internet.MimeMessage message, OutputStream out)
        throws IOException, MessagingException {
        for (String line : Collections.list(message.getAllHeaderLines())) {
            // One byte per char, as javax.mail writes header lines.
            out.write(line.getBytes(StandardCharsets.ISO_8859_1));
            out.write(CRLF);
        }
        out.write(CRLF);
        try (InputStream body = message.getRawInputStream()) {
            body.transferTo(out);
        }
    }

    /** Collects bytes up to a limit, then stops the writer by throwing {@link Full}. */
    private static final class BoundedBuffer extends OutputStream {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final int limit;

        BoundedBuffer(int limit) {
            this.limit = limit;
        }

        @Override
        public void write(int b) throws IOException {
            if (bytes.size() >= limit) {
                throw new Full();
            }
            bytes.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            int room = limit - bytes.size();
            bytes.write(b, off, Math.min(room, len));
            if (len > room) {
                throw new Full();
            }
        }

        boolean isFull() {
            return bytes.size() >= limit;
        }

        byte[] toByteArray() {
            return bytes.toByteArray();
        }

        static final class Full extends IOException {
            private static final long serialVersionUID = 1L;

            Full() {
                super("message longer than the spam check reads");
            }
        }
    }
}
