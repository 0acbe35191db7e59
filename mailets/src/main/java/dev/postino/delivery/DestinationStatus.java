package dev.postino.delivery;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What {@link DestinationGuard} knows of one destination (a domain delivered by MX, or a relay's
 * {@code host:port}) on this node. Immutable snapshot.
 */
public final class DestinationStatus {
    private final String destination;
    private final Optional<Instant> lastSuccess;
    private final Optional<Instant> lastFailure;
    private final int consecutiveFailures;
    private final Optional<String> lastError;
    private final boolean down;
    private final int deliveriesInProgress;
    private final List<String> addresses;

    DestinationStatus(String destination, Optional<Instant> lastSuccess, Optional<Instant> lastFailure,
                      int consecutiveFailures, Optional<String> lastError, boolean down, int deliveriesInProgress,
                      List<String> addresses) {
        this.destination = destination;
        this.lastSuccess = lastSuccess;
        this.lastFailure = lastFailure;
        this.consecutiveFailures = consecutiveFailures;
        this.lastError = lastError;
        this.down = down;
        this.deliveriesInProgress = deliveriesInProgress;
        this.addresses = addresses;
    }

    public String destination() {
        return destination;
    }

    /** When an attempt last had a recipient accepted. */
    public Optional<Instant> lastSuccess() {
        return lastSuccess;
    }

    public Optional<Instant> lastFailure() {
        return lastFailure;
    }

    /** Attempts in a row that delivered nothing and left recipients to retry. */
    public int consecutiveFailures() {
        return consecutiveFailures;
    }

    /** What went wrong the last time an attempt failed (the remote's reply, or our words). */
    public Optional<String> lastError() {
        return lastError;
    }

    /** Every address of the last attempt is being skipped as unreachable ({@code deadHostTime}). */
    public boolean down() {
        return down;
    }

    public int deliveriesInProgress() {
        return deliveriesInProgress;
    }

    /** The addresses ({@code ip:port}) the last attempt tried or skipped. */
    public List<String> addresses() {
        return addresses;
    }
}
