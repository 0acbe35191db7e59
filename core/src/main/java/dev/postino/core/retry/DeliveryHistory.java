package dev.postino.core.retry;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Everything the retry decision needs to remember about one mail, as one immutable value: when it
 * arrived (the first attempt's clock starts here), how many attempts were made, where each
 * recipient stands, whether the delay warning went out, and when the next attempt is due (none
 * once no recipient is pending).
 *
 * <p>The mail carries it as a single attribute, {@link #toText()}, which {@link #parse} reads back
 * on any node after any restart; the format is described in {@code HistoryText}.
 */
public final class DeliveryHistory {
    private final Instant arrival;
    private final int attempts;
    private final List<RecipientRecord> recipients;
    private final boolean warningSent;
    private final Optional<Instant> nextAttempt;

    private DeliveryHistory(Instant arrival, int attempts, List<RecipientRecord> recipients, boolean warningSent,
                            Optional<Instant> nextAttempt) {
        this.arrival = arrival;
        this.attempts = attempts;
        this.recipients = recipients;
        this.warningSent = warningSent;
        this.nextAttempt = nextAttempt;
    }

    /** A mail that has just arrived: no attempt yet, every recipient pending, first attempt due now. */
    public static DeliveryHistory start(Instant arrival, List<String> recipients) {
        return of(arrival, 0, recipients.stream().map(RecipientRecord::pending).collect(Collectors.toList()),
            false, Optional.of(arrival));
    }

    /**
     * Builds and checks a history: at least one recipient, no recipient twice, attempts not
     * negative, and a next attempt exactly when some recipient is still pending.
     */
    public static DeliveryHistory of(Instant arrival, int attempts, List<RecipientRecord> recipients,
                                     boolean warningSent, Optional<Instant> nextAttempt) {
        Objects.requireNonNull(arrival, "arrival");
        Objects.requireNonNull(nextAttempt, "nextAttempt");
        if (attempts < 0) {
            throw new IllegalArgumentException("attempts must not be negative, got " + attempts);
        }
        List<RecipientRecord> copy = List.copyOf(recipients);
        if (copy.isEmpty()) {
            throw new IllegalArgumentException("a delivery history needs at least one recipient");
        }
        Set<String> seen = new HashSet<>();
        for (RecipientRecord r : copy) {
            if (!seen.add(r.recipient())) {
                throw new IllegalArgumentException("recipient listed twice: " + r.recipient());
            }
        }
        boolean pending = copy.stream().anyMatch(RecipientRecord::isPending);
        if (pending != nextAttempt.isPresent()) {
            throw new IllegalArgumentException(pending
                ? "recipients are pending but no next attempt is set"
                : "a next attempt is set but no recipient is pending");
        }
        return new DeliveryHistory(arrival, attempts, copy, warningSent, nextAttempt);
    }

    /** Reads {@link #toText()}'s output back; anything else is an {@link IllegalArgumentException}. */
    public static DeliveryHistory parse(String text) {
        return HistoryText.parse(text);
    }

    /** The compact, versioned, single-line text form to store on the mail. */
    public String toText() {
        return HistoryText.format(this);
    }

    public Instant arrival() {
        return arrival;
    }

    public int attempts() {
        return attempts;
    }

    /** In envelope order. */
    public List<RecipientRecord> recipients() {
        return recipients;
    }

    public Optional<RecipientRecord> recipient(String address) {
        return recipients.stream().filter(r -> r.recipient().equals(address)).findFirst();
    }

    public List<String> pendingRecipients() {
        return recipients.stream().filter(RecipientRecord::isPending).map(RecipientRecord::recipient)
            .collect(Collectors.toList());
    }

    public boolean warningSent() {
        return warningSent;
    }

    /** When the next attempt is due; empty once nothing is left to deliver. */
    public Optional<Instant> nextAttempt() {
        return nextAttempt;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof DeliveryHistory)) {
            return false;
        }
        DeliveryHistory that = (DeliveryHistory) o;
        return attempts == that.attempts && warningSent == that.warningSent && arrival.equals(that.arrival)
            && recipients.equals(that.recipients) && nextAttempt.equals(that.nextAttempt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(arrival, attempts, recipients, warningSent, nextAttempt);
    }

    @Override
    public String toString() {
        return toText();
    }
}
