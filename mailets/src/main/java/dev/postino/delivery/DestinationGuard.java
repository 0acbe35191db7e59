package dev.postino.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Protects remote servers from us: at most {@code maxConcurrent} deliveries at once per
 * destination (Postfix's {@code default_destination_concurrency_limit}), and a short memory of
 * addresses that just refused or timed out, so a dead MX is not hammered by every queued mail.
 * This memory is a per-node cache only: losing it costs one connection attempt, never a mail.
 *
 * <p>It also keeps, per destination, what the last attempts there did (for the administrator's
 * {@code GET /postino/destinations}): last success, failures in a row, the last error, and the
 * addresses tried, which make the destination "down" while every one of them is skipped. It keeps
 * the {@value #MAX_RECORDS} destinations most recently attempted, and prunes the refusal memory of
 * its expired entries when it grows past as many: a server sending to many domains over weeks must
 * not grow without bound. A destination's delivery slots are kept only while a delivery holds or
 * waits for one.
 */
public final class DestinationGuard {
    static final int MAX_RECORDS = 10_000;

    private final int maxConcurrent;
    private final Duration deadTime;
    private final Clock clock;
    /** Only destinations with a delivery holding or waiting for a slot: an idle one is dropped. */
    private final ConcurrentHashMap<String, Slots> slots = new ConcurrentHashMap<>();
    private final Map<String, Instant> deadUntil = new ConcurrentHashMap<>();
    /** In order of last attempt, least recent first. */
    private final LinkedHashMap<String, DestinationRecord> records = new LinkedHashMap<>(16, 0.75f, true);
    private final int maxRecords;

    public DestinationGuard(int maxConcurrent, Duration deadTime, Clock clock) {
        this(maxConcurrent, deadTime, clock, MAX_RECORDS);
    }

    DestinationGuard(int maxConcurrent, Duration deadTime, Clock clock, int maxRecords) {
        this.maxConcurrent = maxConcurrent;
        this.deadTime = deadTime;
        this.clock = clock;
        this.maxRecords = maxRecords;
    }

    /** Waits (bounded) for a delivery slot to the destination; false when none came free. */
    public boolean acquire(String destination, Duration wait) throws InterruptedException {
        Slots entered = slots.compute(destination, (any, current) -> (current == null ? new Slots(maxConcurrent) : current)
            .enter());
        boolean acquired = false;
        try {
            acquired = entered.semaphore.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS);
            return acquired;
        } finally {
            if (!acquired) {
                leave(destination);
            }
        }
    }

    /** After an {@link #acquire} that returned true. */
    public void release(String destination) {
        Slots current = slots.get(destination);
        if (current != null) {
            current.semaphore.release();
            leave(destination);
        }
    }

    /**
     * One user fewer; the last one drops the entry. Users are counted under the map's lock for the key,
     * so a delivery never holds or waits on slots the map no longer has (which would let one more in).
     */
    private void leave(String destination) {
        slots.computeIfPresent(destination, (any, current) -> current.leave() ? null : current);
    }

    /** Deliveries in progress to the destination right now. */
    public int inFlight(String destination) {
        Slots current = slots.get(destination);
        return current == null ? 0 : maxConcurrent - current.semaphore.availablePermits();
    }

    /** How many destinations have slots now (those with a delivery holding or waiting for one). */
    int destinationsWithSlots() {
        return slots.size();
    }

    public void markDead(String address) {
        if (!deadTime.isZero()) {
            Instant now = clock.instant();
            deadUntil.put(address, now.plus(deadTime));
            if (deadUntil.size() > maxRecords) {
                deadUntil.values().removeIf(until -> !now.isBefore(until));
            }
        }
    }

    public void markAlive(String address) {
        deadUntil.remove(address);
    }

    /**
     * Notes how an attempt at {@code destination} ended. {@code delivered}: some recipient was
     * accepted; {@code temporaryFailure}: none was, and some must be tried again (an attempt that
     * only met permanent refusals reached a working server: it ends a failure streak too).
     */
    public synchronized void recordAttempt(String destination, List<String> addresses, boolean delivered,
                                           Optional<String> temporaryFailure) {
        DestinationRecord record = records.computeIfAbsent(destination, any -> new DestinationRecord());
        while (records.size() > maxRecords) {
            records.remove(records.keySet().iterator().next()); // the one attempted least recently
        }
        if (!addresses.isEmpty()) {
            record.addresses = List.copyOf(addresses);
        }
        Instant now = clock.instant();
        if (delivered || temporaryFailure.isEmpty()) {
            record.consecutiveFailures = 0;
            if (delivered) {
                record.lastSuccess = Optional.of(now);
            }
        } else {
            record.consecutiveFailures++;
            record.lastFailure = Optional.of(now);
            record.lastError = temporaryFailure;
        }
    }

    /** Forgets that the destination's addresses were unreachable, so the next attempt connects. */
    public synchronized void reset(String destination) {
        DestinationRecord record = records.get(destination);
        if (record != null) {
            record.addresses.forEach(deadUntil::remove);
        }
    }

    /** Every destination attempted since start (the most recent {@value #MAX_RECORDS}), by name. */
    public synchronized List<DestinationStatus> statuses() {
        List<DestinationStatus> statuses = new ArrayList<>();
        new TreeMap<>(records).forEach((destination, record) -> {
            boolean down = !record.addresses.isEmpty() && record.addresses.stream().allMatch(this::isDead);
            statuses.add(new DestinationStatus(destination, record.lastSuccess, record.lastFailure,
                record.consecutiveFailures, record.lastError, down, inFlight(destination), record.addresses));
        });
        return statuses;
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

    /** The addresses remembered as refusing, expired ones included until they are pruned. */
    Set<String> deadAddresses() {
        return Set.copyOf(deadUntil.keySet());
    }

    /** A destination's slots and the deliveries holding or waiting for one; users change only in the map's compute. */
    private static final class Slots {
        private final Semaphore semaphore;
        private int users;

        Slots(int maxConcurrent) {
            this.semaphore = new Semaphore(maxConcurrent, true);
        }

        Slots enter() {
            users++;
            return this;
        }

        /** True when nobody holds or waits any more. */
        boolean leave() {
            return --users == 0;
        }
    }

    private static final class DestinationRecord {
        private Optional<Instant> lastSuccess = Optional.empty();
        private Optional<Instant> lastFailure = Optional.empty();
        private Optional<String> lastError = Optional.empty();
        private int consecutiveFailures;
        private List<String> addresses = List.of();
    }
}
