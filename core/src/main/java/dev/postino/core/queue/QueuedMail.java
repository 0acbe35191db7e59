package dev.postino.core.queue;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import dev.postino.core.retry.DeliveryHistory;
import dev.postino.core.retry.RecipientRecord;

/**
 * One mail waiting for delivery, as the administrator sees it: its id (James's mail name), its
 * envelope sender ({@code ""} for the null sender) and its {@link DeliveryHistory} (arrival,
 * attempts, next attempt, every recipient's last result). Immutable.
 */
public final class QueuedMail {
    private final String id;
    private final String sender;
    private final DeliveryHistory history;

    private QueuedMail(String id, String sender, DeliveryHistory history) {
        this.id = id;
        this.sender = sender;
        this.history = history;
    }

    public static QueuedMail of(String id, String sender, DeliveryHistory history) {
        return new QueuedMail(Objects.requireNonNull(id, "id"), Objects.requireNonNull(sender, "sender"),
            Objects.requireNonNull(history, "history"));
    }

    public String id() {
        return id;
    }

    public String sender() {
        return sender;
    }

    public DeliveryHistory history() {
        return history;
    }

    /** The recipients still to be delivered in {@code domain} (normalized, see {@link QueueDomain}). */
    public List<RecipientRecord> pendingIn(String domain) {
        return history.recipients().stream()
            .filter(r -> r.isPending() && QueueDomain.ofAddress(r.recipient()).equals(domain))
            .collect(Collectors.toList());
    }

    /** The domains that still have a recipient to deliver, in envelope order. */
    public Set<String> pendingDomains() {
        Set<String> domains = new LinkedHashSet<>();
        history.recipients().stream().filter(RecipientRecord::isPending)
            .forEach(r -> domains.add(QueueDomain.ofAddress(r.recipient())));
        return domains;
    }

    @Override
    public String toString() {
        return id + " from <" + sender + "> " + history;
    }
}
