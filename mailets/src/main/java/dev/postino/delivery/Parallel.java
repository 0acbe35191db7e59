package dev.postino.delivery;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A step over items handed in one at a time, a few at once, for {@link QueueActions}; threads live
 * for one batch of an action. At most {@code held} items are accepted and not yet done: the one
 * handing them in waits for room.
 */
final class Parallel<T> implements AutoCloseable {
    /** One item's work. */
    interface Step<T> {
        void run(T item) throws Exception;
    }

    private final ExecutorService pool;
    private final Semaphore room;
    private final Step<T> step;
    private final AtomicReference<Exception> firstFailure = new AtomicReference<>();

    private Parallel(int threads, int held, Step<T> step) {
        AtomicInteger number = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "postino-queue-action-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.room = new Semaphore(held);
        this.step = step;
    }

    /** Runs {@code step} on each item {@link #submit}ted, {@code threads} at once, at most {@code held} waiting or running. */
    static <T> Parallel<T> feed(int threads, int held, Step<T> step) {
        if (threads < 1 || held < threads) {
            throw new IllegalArgumentException("threads=" + threads + " held=" + held);
        }
        return new Parallel<>(threads, held, step);
    }

    /** Hands in one item; waits while {@code held} items are not done. */
    void submit(T item) throws InterruptedException {
        room.acquire();
        try {
            pool.execute(() -> {
                try {
                    step.run(item);
                } catch (Exception e) {
                    // A failing item does not stop the others; finish() throws the first.
                    firstFailure.compareAndSet(null, e);
                } finally {
                    room.release();
                }
            });
        } catch (RuntimeException e) {
            room.release();
            throw e;
        }
    }

    /** Waits until every item handed in is done; then throws the first failure, if any. */
    void finish() throws Exception {
        close();
        Exception first = firstFailure.get();
        if (first != null) {
            throw first;
        }
    }

    /**
     * Waits until every item handed in is done, even when the caller gave up handing in more: an item
     * half done (its replacement on the queue, its original not yet removed) must be settled while the
     * action's watch is still open.
     */
    @Override
    public void close() {
        pool.shutdown();
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    if (pool.awaitTermination(1, TimeUnit.MINUTES)) {
                        return;
                    }
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
