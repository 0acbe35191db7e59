package dev.postino.core.limits;

import java.time.Instant;
import java.util.Optional;

/**
 * One sender's use of their limits at an instant: the limits in force, what each window holds,
 * and when the next message and the next recipient would be accepted (that instant itself when
 * there is room now; empty when a limit of 0 means never).
 */
public final class SendUsage {
    private final String user;
    private final Instant at;
    private final SendingLimits limits;
    private final WindowCount hour;
    private final WindowCount day;
    private final Optional<Instant> nextMessageAt;
    private final Optional<Instant> nextRecipientAt;

    private SendUsage(String user, Instant at, SendingLimits limits, WindowCount hour, WindowCount day,
                      Optional<Instant> nextMessageAt, Optional<Instant> nextRecipientAt) {
        this.user = user;
        this.at = at;
        this.limits = limits;
        this.hour = hour;
        this.day = day;
        this.nextMessageAt = nextMessageAt;
        this.nextRecipientAt = nextRecipientAt;
    }

    public static SendUsage of(String user, SendingLimits limits, SendLog log, Instant now) {
        Optional<Instant> message = latest(
            log.freesAt(Window.HOUR, now, limits.limit(LimitKind.MESSAGES_PER_HOUR) - 1, false),
            log.freesAt(Window.DAY, now, limits.limit(LimitKind.MESSAGES_PER_DAY) - 1, false));
        Optional<Instant> recipient = limits.limit(LimitKind.RECIPIENTS_PER_MESSAGE) == 0 ? Optional.empty() : latest(
            log.freesAt(Window.HOUR, now, limits.limit(LimitKind.RECIPIENTS_PER_HOUR) - 1, true),
            log.freesAt(Window.DAY, now, limits.limit(LimitKind.RECIPIENTS_PER_DAY) - 1, true));
        return new SendUsage(user, now, limits, log.count(Window.HOUR, now), log.count(Window.DAY, now), message, recipient);
    }

    private static Optional<Instant> latest(Optional<Instant> a, Optional<Instant> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(a.get().isAfter(b.get()) ? a.get() : b.get());
    }

    public String user() {
        return user;
    }

    public Instant at() {
        return at;
    }

    public SendingLimits limits() {
        return limits;
    }

    public WindowCount window(Window window) {
        return window == Window.HOUR ? hour : day;
    }

    public Optional<Instant> nextMessageAt() {
        return nextMessageAt;
    }

    public Optional<Instant> nextRecipientAt() {
        return nextRecipientAt;
    }
}
