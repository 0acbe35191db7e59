package dev.postino.core.spam;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * A {@link TokenStore} in memory. Lookups are lock-free; learning is serialized, and a lookup
 * racing a learn may see part of it, which the statistics tolerate. Persist it with
 * {@link TokenStoreFile}.
 */
public final class InMemoryTokenStore implements TokenStore {
    private final ConcurrentHashMap<String, TokenCounts> tokens = new ConcurrentHashMap<>();
    private final Object writeLock = new Object();
    private volatile TokenCounts totals = TokenCounts.ZERO;

    @Override
    public TokenCounts counts(String token) {
        TokenCounts counts = tokens.get(token);
        return counts == null ? TokenCounts.ZERO : counts;
    }

    @Override
    public TokenCounts totals() {
        return totals;
    }

    @Override
    public void add(MessageClass kind, Collection<String> distinctTokens, int delta) {
        synchronized (writeLock) {
            for (String token : distinctTokens) {
                TokenCounts updated = counts(token).plus(kind, delta);
                if (updated.isZero()) {
                    tokens.remove(token);
                } else {
                    tokens.put(token, updated);
                }
            }
            totals = totals.plus(kind, delta);
        }
    }

    /** Replaces one token's counts, as when loading a saved store. */
    public void put(String token, TokenCounts counts) {
        synchronized (writeLock) {
            if (counts.isZero()) {
                tokens.remove(token);
            } else {
                tokens.put(token, counts);
            }
        }
    }

    /** Replaces the message totals, as when loading a saved store. */
    public void putTotals(TokenCounts newTotals) {
        synchronized (writeLock) {
            totals = newTotals;
        }
    }

    public int size() {
        return tokens.size();
    }

    /**
     * Visits every token in sorted order from one consistent snapshot, and returns the message
     * totals of that same snapshot.
     */
    public TokenCounts forEach(BiConsumer<String, TokenCounts> visitor) {
        Map<String, TokenCounts> sorted;
        TokenCounts snapshotTotals;
        synchronized (writeLock) {
            sorted = new TreeMap<>(tokens);
            snapshotTotals = totals;
        }
        sorted.forEach(visitor);
        return snapshotTotals;
    }
}
