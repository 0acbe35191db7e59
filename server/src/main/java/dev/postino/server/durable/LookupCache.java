package dev.postino.server.durable;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import com.google.common.base.Ticker;

/**
 * An exact read cache in front of one database table, for a single server: answers from memory,
 * and every write this server makes to the table forgets all answers ({@link #invalidate()}).
 * Each answer is also at most {@code ttl} old, so a write this server did not make (another
 * process on the same PostgreSQL, SQL by hand) shows within {@code ttl}.
 *
 * <p>A lookup racing a write cannot bring back the old answer: each answer is stored with the
 * write generation read before its query, and an answer of an older generation is never served.
 */
final class LookupCache<K, V> {
    /** The safety net for writes made elsewhere; James's own domain cache defaults to 10 s as well. */
    static final Duration TTL = Duration.ofSeconds(10);
    /** Bounds what lookups of made-up addresses (RCPT of a dictionary attack) can take: all is dropped past it. */
    static final int MAX_ENTRIES = 10_000;

    /** The database query behind the cache. */
    interface Query<K, V, E extends Exception> {
        V run(K key) throws E;
    }

    private static final class Answer<V> {
        final V value;
        final long generation;
        final long askedAt;

        Answer(V value, long generation, long askedAt) {
            this.value = value;
            this.generation = generation;
            this.askedAt = askedAt;
        }
    }

    private final ConcurrentHashMap<K, Answer<V>> answers = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();
    private final long ttlNanos;
    private final int maxEntries;
    private final Ticker ticker;

    LookupCache(Duration ttl, int maxEntries, Ticker ticker) {
        this.ttlNanos = ttl.toNanos();
        this.maxEntries = maxEntries;
        this.ticker = ticker;
    }

    LookupCache() {
        this(TTL, MAX_ENTRIES, Ticker.systemTicker());
    }

    /** The cached answer for {@code key}, or {@code query}'s (then cached); a failed query is not cached. */
    <E extends Exception> V get(K key, Query<K, V, E> query) throws E {
        long now = ticker.read();
        long current = generation.get();
        Answer<V> answer = answers.get(key);
        if (answer != null && answer.generation == current && now - answer.askedAt < ttlNanos) {
            return answer.value;
        }
        V value = query.run(key);
        if (answers.size() >= maxEntries) {
            answers.clear();
        }
        answers.put(key, new Answer<>(value, current, now));
        return value;
    }

    /** A write to the table behind the cache. */
    interface Write<E extends Exception> {
        void run() throws E;
    }

    /**
     * Runs a write of this server, forgetting every answer before it (a write that reads the
     * table first then reads the database) and after it, even when it failed half-way.
     */
    <E extends Exception> void write(Write<E> write) throws E {
        invalidate();
        try {
            write.run();
        } finally {
            invalidate();
        }
    }

    void invalidate() {
        generation.incrementAndGet();
        answers.clear();
    }
}
