package dev.postino.core.queue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import dev.postino.core.retry.AttemptResult;
import dev.postino.core.retry.DeliveryHistory;
import dev.postino.core.retry.RecipientRecord;
import dev.postino.core.smtp.EnhancedStatus;

/**
 * The administrator overrides the retry schedule: "retry now" moves a mail's next attempt to now;
 * "give up now" fails some of its pending recipients at once, keeping the others queued with
 * their history and schedule.
 */
public final class QueueOverride {
    /**
     * Status of a recipient the postmaster removed from the queue. RFC 3463 §3.1: X.0.0 is for a
     * failure whose class alone is known; none of the specific codes means "removed by an operator"
     * (4.4.7 would claim the delivery time expired, which it did not).
     */
    public static final EnhancedStatus REMOVED = EnhancedStatus.of(5, 0, 0);

    private QueueOverride() {
    }

    /** The history with its next attempt due {@code now}; unchanged when nothing is pending. */
    public static DeliveryHistory dueNow(DeliveryHistory history, Instant now) {
        if (history.nextAttempt().isEmpty()) {
            return history;
        }
        return DeliveryHistory.of(history.arrival(), history.attempts(), history.recipients(), history.warningSent(),
            Optional.of(now));
    }

    /** Gives up now on the pending recipients in {@code domain} (normalized, see {@link QueueDomain}). */
    public static Removal giveUp(DeliveryHistory history, String domain, Instant now) {
        return giveUp(history, recipient -> QueueDomain.ofAddress(recipient).equals(domain), now);
    }

    /** Gives up now on every pending recipient. */
    public static Removal giveUpAll(DeliveryHistory history, Instant now) {
        return giveUp(history, recipient -> true, now);
    }

    private static Removal giveUp(DeliveryHistory history, Predicate<String> which, Instant now) {
        List<RecipientRecord> records = new ArrayList<>();
        List<AttemptResult> removed = new ArrayList<>();
        for (RecipientRecord record : history.recipients()) {
            if (record.isPending() && which.test(record.recipient())) {
                AttemptResult result = AttemptResult.permanent(record.recipient(), REMOVED, Optional.empty(),
                    Optional.empty(), now).withDetail(reason(history.attempts(), record));
                removed.add(result);
                records.add(RecipientRecord.of(record.recipient(), RecipientRecord.State.FAILED, Optional.of(result)));
            } else {
                records.add(record);
            }
        }
        boolean pending = records.stream().anyMatch(RecipientRecord::isPending);
        DeliveryHistory after = DeliveryHistory.of(history.arrival(), history.attempts(), records,
            history.warningSent(), pending ? history.nextAttempt() : Optional.empty());
        return new Removal(removed, after);
    }

    private static String reason(int attempts, RecipientRecord record) {
        String said = record.last().map(last -> "; the last attempt got: " + QueueShape.words(last)).orElse("");
        return ("removed from the queue by the postmaster after " + attempts
            + (attempts == 1 ? " delivery attempt" : " delivery attempts") + said).replaceAll("\\p{Cntrl}", " ");
    }

    /** What giving up did: the recipients given up on, and the history that stays with the mail. */
    public static final class Removal {
        private final List<AttemptResult> removed;
        private final DeliveryHistory after;

        Removal(List<AttemptResult> removed, DeliveryHistory after) {
            this.removed = List.copyOf(removed);
            this.after = after;
        }

        /** One 5.0.0 result per recipient given up on; empty when none was pending there. */
        public List<AttemptResult> removed() {
            return removed;
        }

        /** The history with those recipients failed; still pending recipients keep their schedule. */
        public DeliveryHistory after() {
            return after;
        }

        /** True when recipients in other domains are still to be delivered. */
        public boolean leavesPending() {
            return after.nextAttempt().isPresent();
        }
    }
}
