package dev.postino.core.limits;

import java.time.Instant;

/**
 * A message counted at the end of DATA, before the server's final answer is known: kept when the
 * answer is 250, handed back with {@link SendingLimiter#release} when it is not, so a refused or
 * failed message costs the sender nothing.
 */
public final class Reservation {
    private final String sender;
    private final Instant at;
    private final int recipients;

    Reservation(String sender, Instant at, int recipients) {
        this.sender = sender;
        this.at = at;
        this.recipients = recipients;
    }

    public String sender() {
        return sender;
    }

    public Instant at() {
        return at;
    }

    public int recipients() {
        return recipients;
    }

    @Override
    public String toString() {
        return sender + " at " + at + " rcpts=" + recipients;
    }
}
