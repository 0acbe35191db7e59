package dev.postino.core.dsn;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Decides whether a recipient's success, failure or delay is reported to the sender, in this order:
 * <ol>
 *   <li>never to the null reverse-path {@code <>}: it is itself a notification, and answering it
 *   could loop (RFC 5321 §4.5.5) — reason {@code null sender};</li>
 *   <li>never for mail judged spam: its sender is almost always forged, and a DSN would be
 *   backscatter to an innocent third party — reason {@code spam};</li>
 *   <li>otherwise as the recipient's RFC 3461 NOTIFY says, {@link Notify#DEFAULT} when absent —
 *   reason {@code notify=never}, {@code notify=success}, {@code notify=failure,delay (default)}…</li>
 * </ol>
 */
public final class NotifyPolicy {
    /** What happened to the recipient that a DSN could report. */
    public enum Event {
        SUCCESS, FAILURE, DELAY
    }

    /**
     * @param reversePath the envelope sender; empty, {@code ""} or {@code "<>"} is the null sender
     * @param judgedSpam  whether the spam check judged this mail spam
     * @param notify      the recipient's NOTIFY parameter, empty when the client gave none
     */
    public NotifyDecision decide(Event event, Optional<String> reversePath, boolean judgedSpam,
                                 Optional<Set<Notify>> notify) {
        Objects.requireNonNull(event, "event");
        if (reversePath.isEmpty() || reversePath.get().isEmpty() || reversePath.get().equals("<>")) {
            return NotifyDecision.suppress("null sender");
        }
        if (judgedSpam) {
            return NotifyDecision.suppress("spam");
        }
        Set<Notify> asked = notify.orElse(Notify.DEFAULT);
        String reason = "notify=" + Notify.describe(asked) + (notify.isPresent() ? "" : " (default)");
        return asked.contains(Notify.valueOf(event.name()))
            ? NotifyDecision.send(reason) : NotifyDecision.suppress(reason);
    }
}
