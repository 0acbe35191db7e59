package dev.postino.core.limits;

import java.time.Instant;

/**
 * Where each sender's {@link SendLog} lives. The interface is a compare-and-set over one value
 * per sender, so that several James nodes can share one store and see the same numbers: a
 * shared implementation maps it onto what its backend offers (Redis {@code WATCH}/{@code MULTI},
 * a Cassandra lightweight transaction, an SQL row updated {@code WHERE version = ?}) and keeps
 * every decision in {@link SendingLimiter}. {@link InMemorySendCounterStore} serves one node.
 */
public interface SendCounterStore {
    /** The sender's log; {@link SendLog#empty()} when there is none. */
    SendLog read(String sender);

    /**
     * Replaces the sender's log with {@code updated} if it is still {@code expected} (an empty
     * {@code updated} removes it); false if another writer changed it first, and nothing is
     * written.
     */
    boolean compareAndSet(String sender, SendLog expected, SendLog updated);

    /**
     * Forgets sends made at or before {@code cutoff}, and senders left with none, so memory stays
     * bounded by the active senders. A store that expires entries by itself (a TTL of one day
     * after each write) may do nothing here.
     */
    void forgetBefore(Instant cutoff);
}
