package dev.postino.webadmin;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import dev.postino.delivery.DestinationStatus;

/** One row of {@code GET /postino/destinations}. */
@JsonPropertyOrder({"destination", "queue", "down", "consecutiveFailures", "lastSuccess", "lastFailure", "lastError", "deliveriesInProgress", "connectionsOpen", "addresses"})
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public final class DestinationDto {
    private final String queue;
    private final DestinationStatus status;
    private final int connectionsOpen;

    DestinationDto(String queue, DestinationStatus status, int connectionsOpen) {
        this.queue = queue;
        this.status = status;
        this.connectionsOpen = connectionsOpen;
    }

    public String getDestination() {
        return status.destination();
    }

    public String getQueue() {
        return queue;
    }

    public Optional<Instant> getLastSuccess() {
        return status.lastSuccess();
    }

    public Optional<Instant> getLastFailure() {
        return status.lastFailure();
    }

    public int getConsecutiveFailures() {
        return status.consecutiveFailures();
    }

    public Optional<String> getLastError() {
        return status.lastError();
    }

    public boolean isDown() {
        return status.down();
    }

    public int getDeliveriesInProgress() {
        return status.deliveriesInProgress();
    }

    /** TCP connections open now to the destination's addresses, delivering or idle for reuse. */
    public int getConnectionsOpen() {
        return connectionsOpen;
    }

    public List<String> getAddresses() {
        return status.addresses();
    }
}
