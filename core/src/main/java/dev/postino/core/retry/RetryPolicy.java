package dev.postino.core.retry;

import dev.postino.core.smtp.EnhancedStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;

/**
 * Decides, after each delivery attempt, which recipients are done and when (or whether) to try the
 * others again — a function of (history, this attempt's results, now), like chasquid's
 * {@code nextDelay} and Postfix's backoff and queue lifetime. The only state it touches is the
 * injected {@link Random}, for jitter.
 *
 * <p>Rules, in order:
 * <ol>
 *   <li>Delivered and permanently failed recipients become final and are returned once, in
 *   {@link RetryDecision#delivered()} and {@link RetryDecision#failed()}; a result for a recipient
 *   that is already final is a caller bug ({@link IllegalArgumentException}): delivered recipients
 *   are never retried.</li>
 *   <li>Nothing pending: {@code COMPLETE}.</li>
 *   <li>The mail is {@code maxAge} old, or {@code maxAttempts} attempts were made: {@code GIVE_UP};
 *   every pending recipient fails with 4.4.7, keeping its last remote reply.</li>
 *   <li>Otherwise the next attempt is {@code now + schedule delay}, but never later than
 *   {@code arrival + maxAge}, so the last attempt happens exactly at the deadline; the first
 *   decision at which the mail is {@code warnAfter} old says {@code WARN_THEN_RETRY}, once.</li>
 * </ol>
 */
public final class RetryPolicy {
    /** RFC 3463 §3.5 X.4.7 "Delivery time expired"; class 4 because the cause stayed transient. */
    public static final EnhancedStatus EXPIRED = EnhancedStatus.of(4, 4, 7);

    private final RetryPolicyConfig config;
    private final Random random;

    public RetryPolicy(RetryPolicyConfig config, Random random) {
        this.config = Objects.requireNonNull(config, "config");
        this.random = Objects.requireNonNull(random, "random");
    }

    /**
     * @param history the history stored on the mail before this attempt
     * @param results this attempt's result for each recipient it tried (recipients it did not try
     *                stay pending with their previous result)
     * @param now     when the attempt ended
     */
    public RetryDecision decide(DeliveryHistory history, List<AttemptResult> results, Instant now) {
        Objects.requireNonNull(now, "now");
        Applied applied = new Applied(history, index(history, results));
        int attempts = history.attempts() + 1;
        if (applied.pending.isEmpty()) {
            DeliveryHistory done = DeliveryHistory.of(history.arrival(), attempts, applied.records,
                history.warningSent(), Optional.empty());
            return new RetryDecision(RetryDecision.Action.COMPLETE, Optional.empty(), "no recipient left to retry",
                applied.delivered, applied.failed, List.of(), List.of(), done);
        }
        Instant deadline = history.arrival().plus(config.maxAge());
        Optional<String> giveUp = giveUpReason(now, deadline, attempts);
        if (giveUp.isPresent()) {
            return giveUp(history, attempts, applied, now, giveUp.get());
        }
        Instant retryAt = now.plus(config.schedule().delay(attempts, random));
        if (retryAt.isAfter(deadline)) {
            retryAt = deadline;
        }
        // A negative age (the node's clock is behind the one that stamped the arrival) counts as 0.
        Duration age = now.isBefore(history.arrival()) ? Duration.ZERO : Duration.between(history.arrival(), now);
        boolean warn = !config.warnAfter().isZero() && !history.warningSent() && age.compareTo(config.warnAfter()) >= 0;
        DeliveryHistory next = DeliveryHistory.of(history.arrival(), attempts, applied.records,
            history.warningSent() || warn, Optional.of(retryAt));
        String reason = (warn ? "older than " + DurationText.format(config.warnAfter()) + ", " : "")
            + "retry in " + DurationText.format(Duration.between(now, retryAt).withNanos(0));
        return new RetryDecision(warn ? RetryDecision.Action.WARN_THEN_RETRY : RetryDecision.Action.RETRY_AT,
            Optional.of(retryAt), reason, applied.delivered, applied.failed, List.of(), applied.pending, next);
    }

    /** This attempt's results applied to the previous records: step 1 of the rules. */
    private static final class Applied {
        final List<RecipientRecord> records = new ArrayList<>();
        final List<AttemptResult> delivered = new ArrayList<>();
        final List<AttemptResult> failed = new ArrayList<>();
        final List<RecipientRecord> pending = new ArrayList<>();

        Applied(DeliveryHistory history, Map<String, AttemptResult> byRecipient) {
            for (RecipientRecord r : history.recipients()) {
                AttemptResult result = byRecipient.get(r.recipient());
                RecipientRecord next = r;
                if (result != null && result.kind() == AttemptResult.Kind.DELIVERED) {
                    next = RecipientRecord.of(r.recipient(), RecipientRecord.State.DELIVERED, Optional.of(result));
                    delivered.add(result);
                } else if (result != null && result.kind() == AttemptResult.Kind.PERMANENT) {
                    next = RecipientRecord.of(r.recipient(), RecipientRecord.State.FAILED, Optional.of(result));
                    failed.add(result);
                } else if (result != null) {
                    next = RecipientRecord.of(r.recipient(), RecipientRecord.State.PENDING, Optional.of(result));
                }
                records.add(next);
                if (next.isPending()) {
                    pending.add(next);
                }
            }
        }
    }

    private Optional<String> giveUpReason(Instant now, Instant deadline, int attempts) {
        if (!now.isBefore(deadline)) {
            return Optional.of(RetryPolicyConfig.MAX_QUEUE_LIFETIME + " " + DurationText.format(config.maxAge())
                + " reached");
        }
        if (config.maxAttempts().isPresent() && attempts >= config.maxAttempts().getAsInt()) {
            return Optional.of(RetryPolicyConfig.MAX_ATTEMPTS + " " + config.maxAttempts().getAsInt() + " reached");
        }
        return Optional.empty();
    }

    private static RetryDecision giveUp(DeliveryHistory history, int attempts, Applied applied, Instant now,
                                        String reason) {
        List<RecipientRecord> records = new ArrayList<>();
        List<AttemptResult> expired = new ArrayList<>();
        for (RecipientRecord r : applied.records) {
            if (!r.isPending()) {
                records.add(r);
                continue;
            }
            // Keep the remote's words: the last reply explains why we kept failing (RFC 3464 §2.3.6).
            AttemptResult last = r.last().map(l -> l.withStatus(EXPIRED)).orElseGet(() ->
                AttemptResult.temporary(r.recipient(), EXPIRED, Optional.empty(), Optional.empty(), now));
            expired.add(last);
            records.add(RecipientRecord.of(r.recipient(), RecipientRecord.State.FAILED, Optional.of(last)));
        }
        DeliveryHistory done = DeliveryHistory.of(history.arrival(), attempts, records, history.warningSent(),
            Optional.empty());
        return new RetryDecision(RetryDecision.Action.GIVE_UP, Optional.empty(), reason, applied.delivered,
            applied.failed, expired,
            List.of(), done);
    }

    private static Map<String, AttemptResult> index(DeliveryHistory history, List<AttemptResult> results) {
        Map<String, AttemptResult> byRecipient = new HashMap<>();
        for (AttemptResult result : results) {
            RecipientRecord record = history.recipient(result.recipient()).orElseThrow(() ->
                new IllegalArgumentException("result for a recipient the mail does not have: " + result.recipient()));
            if (!record.isPending()) {
                throw new IllegalArgumentException("result for " + result.recipient() + ", which is already "
                    + record.state() + "; final recipients are never retried");
            }
            if (byRecipient.put(result.recipient(), result) != null) {
                throw new IllegalArgumentException("two results for " + result.recipient());
            }
        }
        return byRecipient;
    }
}
