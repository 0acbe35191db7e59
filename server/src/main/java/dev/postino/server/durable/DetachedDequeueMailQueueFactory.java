package dev.postino.server.durable;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.queue.api.MailQueueName;
import org.apache.james.queue.api.ManageableMailQueue;

import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/** Hands out {@link DetachedDequeueMailQueue}s over another factory's queues, with one set of lanes per queue. */
final class DetachedDequeueMailQueueFactory implements MailQueueFactory<ManageableMailQueue> {
    static final int SPOOL_RECEIVERS = 4;
    private final MailQueueFactory<? extends ManageableMailQueue> queues;
    private final Function<MailQueueName, EnqueueLanes> newLanes;
    private final Map<MailQueueName, EnqueueLanes> lanes = new ConcurrentHashMap<>();
    /** Daemon threads, each blocked at most one receive timeout (10 s) when the server stops. */
    private final Scheduler dequeueThreads = Schedulers.newBoundedElastic(
        Schedulers.DEFAULT_BOUNDED_ELASTIC_SIZE, Schedulers.DEFAULT_BOUNDED_ELASTIC_QUEUESIZE, "postino-dequeue");

    DetachedDequeueMailQueueFactory(MailQueueFactory<? extends ManageableMailQueue> queues,
                                    Function<MailQueueName, EnqueueLanes> newLanes) {
        this.queues = queues;
        this.newLanes = newLanes;
    }

    @Override
    public Optional<ManageableMailQueue> getQueue(MailQueueName name, PrefetchCount count) {
        return queues.getQueue(name, count).map(this::detached);
    }

    @Override
    public ManageableMailQueue createQueue(MailQueueName name, PrefetchCount count) {
        return detached(queues.createQueue(name, count));
    }

    @Override
    public Set<MailQueueName> listCreatedMailQueues() {
        return queues.listCreatedMailQueues();
    }

    /**
     * The spool, which holds only mail due now, is read by {@value #SPOOL_RECEIVERS} loops at
     * once. A queue that holds deferred mail (RouteByMx's retries) keeps one: James's due-time
     * selector makes ActiveMQ scan past the deferred mail on every receive, and parallel scans
     * of 10,000 deferred mails slowed their flush from 92 s to 227 s (bench/queue-scale).
     */
    private ManageableMailQueue detached(ManageableMailQueue queue) {
        int receivers = queue.getName().equals(MailQueueFactory.SPOOL) ? SPOOL_RECEIVERS : 1;
        return new DetachedDequeueMailQueue(queue, lanes.computeIfAbsent(queue.getName(), newLanes), dequeueThreads,
            receivers);
    }
}
