package dev.postino.core.delivery;

/**
 * A failure that left no SMTP reply to classify. The engine maps its exceptions onto these;
 * anything it cannot place is {@link #UNKNOWN}, which is temporary like every kind here.
 */
public enum TransportFailure {
    CONNECTION_REFUSED("connection refused"),
    TIMEOUT("timed out"),
    CONNECTION_LOST("lost connection"),
    TLS_FAILED("TLS handshake failed"),
    TLS_REQUIRED_BUT_NOT_OFFERED("TLS is required, but the server did not offer STARTTLS"),
    PROTOCOL_ERROR("malformed reply"),
    UNKNOWN("unexpected failure");

    private final String description;

    TransportFailure(String description) {
        this.description = description;
    }

    /** Human words for the DSN, e.g. {@code lost connection}. */
    public String description() {
        return description;
    }
}
