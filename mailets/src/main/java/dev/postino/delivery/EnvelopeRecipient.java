package dev.postino.delivery;

import java.util.Objects;
import java.util.Optional;

/** One RCPT TO: the address and its RFC 3461 parameters, relayed when the peer supports DSN. */
public final class EnvelopeRecipient {
    private final String address;
    private final Optional<String> notify;
    private final Optional<String> orcpt;

    private EnvelopeRecipient(String address, Optional<String> notify, Optional<String> orcpt) {
        this.address = Objects.requireNonNull(address, "address");
        this.notify = notify;
        this.orcpt = orcpt;
    }

    public static EnvelopeRecipient of(String address) {
        return new EnvelopeRecipient(address, Optional.empty(), Optional.empty());
    }

    /**
     * @param notify the NOTIFY value as sent, e.g. {@code FAILURE,DELAY} or {@code NEVER}
     * @param orcpt the ORCPT value as sent, e.g. {@code rfc822;bob@b.test} (xtext-encoded)
     */
    public static EnvelopeRecipient of(String address, Optional<String> notify, Optional<String> orcpt) {
        return new EnvelopeRecipient(address, notify, orcpt);
    }

    public String address() {
        return address;
    }

    public Optional<String> notifyParameter() {
        return notify;
    }

    public Optional<String> orcpt() {
        return orcpt;
    }

    @Override
    public String toString() {
        return address;
    }
}
