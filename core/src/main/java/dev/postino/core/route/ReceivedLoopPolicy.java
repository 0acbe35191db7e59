package dev.postino.core.route;

import dev.postino.core.smtp.EnhancedStatus;
import java.util.Optional;

/**
 * Stops mail that has looped, by counting its {@code Received:} header fields (RFC 5321 §6.3:
 * counting them "has proven to be an effective ... method of detecting loops"; the threshold
 * should be large, "normally at least 100").
 *
 * <p>The limit is the largest count still delivered: with the default 100, a mail carrying 100
 * {@code Received:} fields goes on, one carrying 101 fails with permanent 5.4.6 (RFC 3463 routing
 * loop detected). Count the fields of the mail as it is about to leave, our own included.
 */
public final class ReceivedLoopPolicy {
    /** RFC 5321 §6.3's "at least 100". */
    public static final int DEFAULT_LIMIT = 100;

    private final int limit;

    public ReceivedLoopPolicy(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("Received: limit must be at least 1, got " + limit);
        }
        this.limit = limit;
    }

    public static ReceivedLoopPolicy withDefaults() {
        return new ReceivedLoopPolicy(DEFAULT_LIMIT);
    }

    public int limit() {
        return limit;
    }

    /** Empty when the mail may go on; the 5.4.6 failure when it has more than {@link #limit()} fields. */
    public Optional<RouteFailure> check(int receivedCount) {
        if (receivedCount < 0) {
            throw new IllegalArgumentException("a header count is not negative, got " + receivedCount);
        }
        if (receivedCount <= limit) {
            return Optional.empty();
        }
        return Optional.of(RouteFailure.of(EnhancedStatus.of(5, 4, 6), "mail loop: " + receivedCount
            + " Received: header fields, more than the limit of " + limit));
    }
}
