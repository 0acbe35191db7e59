package dev.postino.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.james.mailrepository.api.MailKey;
import org.apache.james.mailrepository.api.MailRepository;
import org.apache.james.queue.api.MailQueue;
import org.apache.mailet.Mail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.postino.core.retry.DeliveryHistory;
import dev.postino.mailets.PostinoAttributes;

/**
 * Re-enqueues parked mail when its next attempt is due. Only used when the mail queue ignored an
 * enqueue delay (see {@link DeliveryWorker}). The mail is enqueued before it is removed from the
 * repository: a crash in between costs a duplicate attempt, never the mail.
 */
public final class DeferredSweeper implements AutoCloseable {
    private static final Logger LOGGER = LoggerFactory.getLogger(DeferredSweeper.class);

    private final MailRepository deferred;
    private final MailQueue queue;
    private final Clock clock;
    private final Duration interval;
    private ScheduledExecutorService executor;

    public DeferredSweeper(MailRepository deferred, MailQueue queue, Clock clock, Duration interval) {
        this.deferred = deferred;
        this.queue = queue;
        this.clock = clock;
        this.interval = interval;
    }

    public void start() {
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "postino-deferred-sweeper");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::sweepQuietly, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void sweepQuietly() {
        try {
            sweep();
        } catch (Exception e) {
            LOGGER.error("deferred sweep failed; will try again in {}", interval, e);
        }
    }

    /** Moves every due mail back to the queue; returns how many. */
    public synchronized int sweep() throws Exception {
        Instant now = clock.instant();
        List<MailKey> keys = new ArrayList<>();
        for (Iterator<MailKey> it = deferred.list(); it.hasNext();) {
            keys.add(it.next());
        }
        int moved = 0;
        for (MailKey key : keys) {
            Mail mail = deferred.retrieve(key);
            if (mail == null) {
                continue;
            }
            Optional<Instant> due = PostinoAttributes.history(mail).flatMap(DeliveryHistory::nextAttempt);
            if (due.isEmpty() || !now.isBefore(due.get())) {
                queue.enQueue(mail);
                deferred.remove(key);
                moved++;
            }
        }
        if (moved > 0) {
            LOGGER.info("re-enqueued {} deferred mail(s)", moved);
        }
        return moved;
    }

    /**
     * Runs an administrator's change to the deferred repository while no sweep runs, so a mail is
     * never moved by both (which would deliver it twice).
     */
    public synchronized <T> T exclusively(Callable<T> change) throws Exception {
        return change.call();
    }

    @Override
    public void close() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
