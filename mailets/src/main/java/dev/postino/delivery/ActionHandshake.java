package dev.postino.delivery;

import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What a postmaster action on a queue ({@link QueueActions}) and the {@link DeliveryWorker} tell
 * each other while both touch the same mail. One per {@code RouteByMx}.
 *
 * <ul>
 * <li>The worker reports each mail it takes off the queue. An action skips a mail that left since
 * it looked at the queue, instead of asking the queue to remove it by name: on James's ActiveMQ
 * queue that is a selector scan that waits 2 s before it concludes the mail is gone (issue 9 §4:
 * a flush of 10,000 deferred mails spent most of its time in those waits).</li>
 * <li>An action announces a replacement (due now) before it enqueues it, and settles it once it
 * knows whether the original was removed. A worker that takes an unsettled replacement waits for
 * that; it drops a withdrawn one, whose original a worker is delivering. Without this the
 * replacement, due at once, could be delivered too: the first 10,000-mail flush sent 123 mails
 * twice.</li>
 * <li>An action's "has it left?" and its removal by name are one step for this JVM's workers: they
 * hold the mail name's lock, which a worker takes to report the mail taken. Else a worker's whole
 * attempt could fit between the two (take, deliver to some recipients, requeue under the same
 * name) and the action would remove the requeued mail, keeping a replacement made before that
 * attempt: those recipients would get the mail twice. The locks are striped (bounded memory); two
 * names sharing a stripe only wait for each other. On a queue shared with other nodes this narrows
 * only our own workers' races: the departures a watch records still decide the rest.</li>
 * </ul>
 *
 * <p>Names are kept only while an action runs, and a withdrawn replacement a worker holds until that
 * worker asks, so nothing grows between actions.
 */
public final class ActionHandshake {
    /** Far longer than a removal by name takes; then the worker delivers (a duplicate at worst, never a loss). */
    private static final long SETTLE_WAIT_SECONDS = 300;
    /** Locks the mail names share; a power of two. */
    private static final int STRIPES = 64;

    private final CopyOnWriteArrayList<Watch> watches = new CopyOnWriteArrayList<>();
    private final ConcurrentHashMap<String, CompletableFuture<Boolean>> unsettled = new ConcurrentHashMap<>();
    private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];

    public ActionHandshake() {
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    /** Opened before the action looks at the queue, closed when it is done. */
    Watch watch() {
        Watch watch = new Watch();
        watches.add(watch);
        return watch;
    }

    /**
     * A worker took the mail {@code name} off the queue. Waits while an action checks and removes that
     * name ({@link Watch#removeUnlessLeft}); the worker attempts the mail only after this returns.
     */
    void left(String name) {
        ReentrantLock lock = lockOf(name);
        lock.lock();
        try {
            for (Watch watch : watches) {
                watch.names.add(name);
            }
        } finally {
            lock.unlock();
        }
    }

    private ReentrantLock lockOf(String name) {
        int hash = name.hashCode();
        return stripes[(hash ^ (hash >>> 16)) & (STRIPES - 1)];
    }

    /** Before the replacement {@code name} is enqueued. */
    void announce(String name) {
        unsettled.put(name, new CompletableFuture<>());
    }

    /** The replacement {@code name} stays ({@code keep}), or is withdrawn. */
    void settle(String name, boolean keep) {
        CompletableFuture<Boolean> decision = unsettled.remove(name);
        if (decision != null) {
            decision.complete(keep);
        }
    }

    /**
     * The replacement {@code name} is withdrawn. {@code taken}: the queue no longer held it, so a worker
     * has it and may not have asked yet: the decision stays until it does ({@link #deliverable}), else
     * that worker would find none and deliver it next to its original.
     */
    void withdraw(String name, boolean taken) {
        CompletableFuture<Boolean> decision = taken ? unsettled.get(name) : unsettled.remove(name);
        if (decision != null) {
            decision.complete(false);
        }
    }

    /**
     * For the worker that took {@code name}: false when it is a replacement its action withdrew (drop
     * it); waits while the action has not settled it.
     */
    boolean deliverable(String name) throws InterruptedException {
        CompletableFuture<Boolean> decision = unsettled.get(name);
        if (decision == null) {
            return true;
        }
        try {
            boolean keep = decision.get(SETTLE_WAIT_SECONDS, TimeUnit.SECONDS);
            if (!keep) {
                unsettled.remove(name, decision);
            }
            return keep;
        } catch (ExecutionException | TimeoutException e) {
            return true;
        }
    }

    /** The departures seen since it was opened. */
    final class Watch implements AutoCloseable {
        private final Set<String> names = ConcurrentHashMap.newKeySet();

        boolean left(String name) {
            return names.contains(name);
        }

        /**
         * Runs {@code removal} of the mail {@code name} unless it left since the watch opened; no worker
         * of this JVM reports taking that name in between. False when it had left or nothing was removed.
         */
        boolean removeUnlessLeft(String name, Callable<Boolean> removal) throws Exception {
            ReentrantLock lock = lockOf(name);
            lock.lock();
            try {
                return !left(name) && removal.call();
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void close() {
            watches.remove(this);
        }
    }
}
