package dev.postino.core.limits;

import java.time.Duration;

/**
 * A sliding window: at instant {@code now} it holds the sends made after {@code now - length}
 * (a send made exactly one hour ago has left the hour window). Not a calendar hour or day: a
 * burst at 23:59 still counts at 00:01.
 */
public enum Window {
    HOUR(Duration.ofHours(1)),
    DAY(Duration.ofDays(1));

    /** How long a send must be remembered: the longest window. */
    public static final Duration RETENTION = Duration.ofDays(1);

    private final Duration length;

    Window(Duration length) {
        this.length = length;
    }

    public Duration length() {
        return length;
    }
}
