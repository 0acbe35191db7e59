package dev.postino.delivery;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import dev.postino.core.delivery.DeliveryOutcome;

/**
 * What one delivery attempt to one host/address produced: an outcome for every recipient of the
 * envelope (keyed by address, in envelope order), and whether the session used TLS.
 * Each outcome carries the remote host and IP.
 */
public final class CourierResult {
    private final Map<String, DeliveryOutcome> outcomes;
    private final boolean tls;

    public CourierResult(Map<String, DeliveryOutcome> outcomes, boolean tls) {
        this.outcomes = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(outcomes)));
        this.tls = tls;
    }

    public Map<String, DeliveryOutcome> outcomes() {
        return outcomes;
    }

    public DeliveryOutcome outcome(String recipient) {
        DeliveryOutcome outcome = outcomes.get(recipient);
        if (outcome == null) {
            throw new IllegalArgumentException("no outcome for " + recipient);
        }
        return outcome;
    }

    public boolean tls() {
        return tls;
    }
}
