package dev.postino.delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/** A step over each item, a few at once, for {@link QueueActions}; threads live for one call. */
final class Parallel {
    /** One item's work. */
    interface Step<T> {
        void run(T item) throws Exception;
    }

    private Parallel() {
    }

    /**
     * Runs {@code step} on every item, {@code threads} at once, and returns when all are done. A
     * failing item does not stop the others; the first failure is then thrown.
     */
    static <T> void forEach(List<T> items, int threads, Step<T> step) throws Exception {
        if (items.isEmpty()) {
            return;
        }
        AtomicInteger number = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, items.size()), runnable -> {
            Thread thread = new Thread(runnable, "postino-queue-action-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<?>> done = new ArrayList<>();
            for (T item : items) {
                done.add(pool.submit(() -> {
                    step.run(item);
                    return null;
                }));
            }
            Exception first = null;
            for (Future<?> future : done) {
                try {
                    future.get();
                } catch (ExecutionException e) {
                    if (first == null) {
                        first = e.getCause() instanceof Exception ? (Exception) e.getCause() : e;
                    }
                }
            }
            if (first != null) {
                throw first;
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
