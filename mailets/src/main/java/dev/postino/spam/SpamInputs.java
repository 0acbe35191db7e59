package dev.postino.spam;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import javax.mail.MessagingException;

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
        BoundedBuffer buffer = new BoundedBuffer(MimeReader.DEFAULT_MAX_BYTES);
        try {
            message.writeTo(buffer);
        } catch (IOException | MessagingException e) {
            if (!buffer.isFull()) {
                throw new MessagingException("cannot read the message for the spam check: " + e.getMessage(), e);
            }
            // Full: enough read, the rest is never examined (some writers wrap our signal).
        }
        return READER.read(buffer.toByteArray());
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
