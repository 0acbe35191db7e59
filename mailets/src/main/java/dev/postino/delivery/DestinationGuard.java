package dev.postino.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Protects remote servers from us: at most {@code maxConcurrent} deliveries at once per
 * destination (Postfix's {@code default_destination_concurrency_limit}), and a short memory of
 * addresses that just refused or timed out, so a dead MX is not hammered by every queued mail.
 * This memory is a per-node cache only: losing it costs one connection attempt, never a mail.
 */
public final class DestinationGuard {
    private final int maxConcurrent;
    private final Duration deadTime;
    private final Clock clock;
    private final Map<String, Semaphore> slots = new ConcurrentHashMap<>();
    private final Map<String, Instant> deadUntil = new ConcurrentHashMap<>();

    public DestinationGuard(int maxConcurrent, Duration deadTime, Clock clock) {
        this.maxConcurrent = maxConcurrent;
        this.deadTime = deadTime;
        this.clock = clock;
    }

    /** Waits (bounded) for a delivery slot to the destination; false when none came free. */
    public boolean acquire(String destination, Duration wait) throws InterruptedException {
        return slots.computeIfAbsent(destination, any -> new Semaphore(maxConcurrent, true))
            .tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    public void release(String destination) {
        Semaphore semaphore = slots.get(destination);
        if (semaphore != null) {
            semaphore.release();
        }
    }

    /** Deliveries in progress to the destination right now. */
    public int inFlight(String destination) {
        Semaphore semaphore = slots.get(destination);
        return semaphore == null ? 0 : maxConcurrent - semaphore.availablePermits();
    }

    public void markDead(String address) {
        if (!deadTime.isZero()) {
            deadUntil.put(address, clock.instant().plus(deadTime));
        }
    }

    public void markAlive(String address) {
        deadUntil.remove(address);
    }

    public boolean isDead(String address) {
        Instant until = deadUntil.get(address);
        if (until == null) {
            return false;
        }
        if (clock.instant().isBefore(until)) {
            return true;
        }
        deadUntil.remove(address, until);
        return false;
    }
}
