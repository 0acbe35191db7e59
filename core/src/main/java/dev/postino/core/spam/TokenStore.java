package dev.postino.core.spam;

import java.util.Collection;

/**
 * The classifier's memory: per token, how many learned spam and ham messages held it, and how
 * many messages of each class were learned. The seam between pure scoring and wherever the
 * counts live (memory, a file, a database); implementations must be safe for concurrent use.
 */
public interface TokenStore {
    /** The counts for one token; {@link TokenCounts#ZERO} when never seen. */
    TokenCounts counts(String token);

    /** Totals of learned messages; {@code totals().spam()} spam messages, {@code .ham()} ham. */
    TokenCounts totals();

    /**
     * Adds {@code delta} (+1 learn, -1 unlearn) to the message total of {@code kind} and to the
     * count of {@code kind} for each distinct token. Counts never go below zero.
     */
    void add(MessageClass kind, Collection<String> distinctTokens, int delta);
}
