package dev.postino.delivery;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The SMTP envelope of one transaction: reverse-path ({@code ""} for the null sender {@code <>}),
 * recipients, the message size in bytes (sent as {@code SIZE=} and checked against the peer's
 * SIZE), whether the body has 8-bit content ({@code BODY=8BITMIME}), and the RFC 3461
 * {@code ENVID}/{@code RET} parameters.
 */
public final class Envelope {
    private final String sender;
    private final List<EnvelopeRecipient> recipients;
    private final long size;
    private final boolean eightBit;
    private final Optional<String> envelopeId;
    private final Optional<String> ret;

    public Envelope(String sender, List<EnvelopeRecipient> recipients, long size, boolean eightBit,
                    Optional<String> envelopeId, Optional<String> ret) {
        this.sender = Objects.requireNonNull(sender, "sender");
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("an envelope needs at least one recipient");
        }
        this.recipients = List.copyOf(recipients);
        this.size = size;
        this.eightBit = eightBit;
        this.envelopeId = envelopeId;
        this.ret = ret;
    }

    public static Envelope of(String sender, List<EnvelopeRecipient> recipients, long size) {
        return new Envelope(sender, recipients, size, false, Optional.empty(), Optional.empty());
    }

    public String sender() {
        return sender;
    }

    public List<EnvelopeRecipient> recipients() {
        return recipients;
    }

    public long size() {
        return size;
    }

    public boolean eightBit() {
        return eightBit;
    }

    public Optional<String> envelopeId() {
        return envelopeId;
    }

    public Optional<String> ret() {
        return ret;
    }
}
