package dev.postino.core.retry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link RetryPolicy} decided after one attempt: the recipients that became final now (to
 * report once), what happens to the others, and the history to store back on the mail. Immutable.
 *
 * <p>Actions: {@link Action#RETRY_AT} and {@link Action#WARN_THEN_RETRY} (send the "delayed" DSN
 * for {@link #remaining()}, then retry) carry {@link #retryAt()}; {@link Action#GIVE_UP} moved the
 * remaining recipients into {@link #expired()}; {@link Action#COMPLETE} means nothing is left.
 */
public final class RetryDecision {
    /** What to do with the recipients that are still pending. */
    public enum Action {
        RETRY_AT, WARN_THEN_RETRY, GIVE_UP, COMPLETE
    }

    private final Action action;
    private final Optional<Instant> retryAt;
    private final String reason;
    private final List<AttemptResult> delivered;
    private final List<AttemptResult> failed;
    private final List<AttemptResult> expired;
    private final List<RecipientRecord> remaining;
    private final DeliveryHistory history;

    RetryDecision(Action action, Optional<Instant> retryAt, String reason, List<AttemptResult> delivered,
                  List<AttemptResult> failed, List<AttemptResult> expired, List<RecipientRecord> remaining,
                  DeliveryHistory history) {
        this.action = Objects.requireNonNull(action);
        this.retryAt = Objects.requireNonNull(retryAt);
        this.reason = Objects.requireNonNull(reason);
        this.delivered = List.copyOf(delivered);
        this.failed = List.copyOf(failed);
        this.expired = List.copyOf(expired);
        this.remaining = List.copyOf(remaining);
        this.history = Objects.requireNonNull(history);
    }

    public Action action() {
        return action;
    }

    /** Present exactly for {@link Action#RETRY_AT} and {@link Action#WARN_THEN_RETRY}. */
    public Optional<Instant> retryAt() {
        return retryAt;
    }

    /** One phrase for the log line, e.g. {@code maxQueueLifetime 5d reached}. */
    public String reason() {
        return reason;
    }

    /** Delivered by this attempt (a success DSN, if one was asked for, is due now). */
    public List<AttemptResult> delivered() {
        return delivered;
    }

    /** Failed permanently in this attempt: report them now, in a failure DSN. */
    public List<AttemptResult> failed() {
        return failed;
    }

    /**
     * Given up on in this decision ({@link Action#GIVE_UP} only): their last temporary result,
     * remote reply and MTA kept, with status 4.4.7 "delivery time expired" (RFC 3463 §3.5).
     */
    public List<AttemptResult> expired() {
        return expired;
    }

    /** Everything a failure DSN must report now: {@link #failed()} then {@link #expired()}. */
    public List<AttemptResult> failureReport() {
        List<AttemptResult> all = new ArrayList<>(failed);
        all.addAll(expired);
        return all;
    }

    /** Still pending, to be retried (and named in the delay warning); empty unless retrying. */
    public List<RecipientRecord> remaining() {
        return remaining;
    }

    /** The history to store on the mail, replacing the previous one. */
    public DeliveryHistory history() {
        return history;
    }

    @Override
    public String toString() {
        return action + retryAt.map(t -> " " + t).orElse("") + " (" + reason + ") delivered=" + delivered.size()
            + " failed=" + failed.size() + " expired=" + expired.size() + " remaining=" + remaining.size();
    }
}
