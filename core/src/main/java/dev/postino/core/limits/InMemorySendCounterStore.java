package dev.postino.core.limits;

import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link SendCounterStore} in this JVM: the counts of one James node only. Behind a load
 * balancer with several nodes each node counts on its own, so a user could send up to
 * (nodes × limit); share a store between nodes to prevent that. Counts start from zero after a
 * restart. A sender without sends in the last day takes no memory.
 */
public final class InMemorySendCounterStore implements SendCounterStore {
    private final ConcurrentHashMap<String, SendLog> logs = new ConcurrentHashMap<>();

    @Override
    public SendLog read(String sender) {
        return logs.getOrDefault(sender, SendLog.empty());
    }

    @Override
    public boolean compareAndSet(String sender, SendLog expected, SendLog updated) {
        if (expected.isEmpty()) {
            return updated.isEmpty() ? !logs.containsKey(sender) : logs.putIfAbsent(sender, updated) == null;
        }
        return updated.isEmpty() ? logs.remove(sender, expected) : logs.replace(sender, expected, updated);
    }

    @Override
    public void forgetBefore(Instant cutoff) {
        for (String sender : logs.keySet()) {
            logs.computeIfPresent(sender, (key, log) -> {
                SendLog kept = log.since(cutoff);
                return kept.isEmpty() ? null : kept;
            });
        }
    }

    /** How many senders are remembered (for tests and metrics). */
    public int senders() {
        return logs.size();
    }
}
