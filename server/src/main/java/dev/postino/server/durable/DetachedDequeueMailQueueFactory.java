package dev.postino.server.durable;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

import org.apache.james.queue.api.MailQueue.MailQueueItem;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.queue.api.MailQueueName;
import org.apache.james.queue.api.ManageableMailQueue;

import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/** Hands out {@link DetachedDequeueMailQueue}s over another factory's queues, with one set of lanes per queue. */
final class DetachedDequeueMailQueueFactory implements MailQueueFactory<ManageableMailQueue> {
    private final MailQueueFactory<? extends ManageableMailQueue> queues;
    private final Function<MailQueueName, EnqueueLanes> newLanes;
    private final Function<MailQueueName, ReceivingMailQueue> newReceiving;
    private final Map<MailQueueName, EnqueueLanes> lanes = new ConcurrentHashMap<>();
    private final Map<MailQueueName, ReceivingMailQueue> receiving = new ConcurrentHashMap<>();
    /** Daemon threads, each blocked at most one receive timeout (10 s) when the server stops. */
    private final Scheduler dequeueThreads = Schedulers.newBoundedElastic(
        Schedulers.DEFAULT_BOUNDED_ELASTIC_SIZE, Schedulers.DEFAULT_BOUNDED_ELASTIC_QUEUESIZE, "postino-dequeue");

    DetachedDequeueMailQueueFactory(MailQueueFactory<? extends ManageableMailQueue> queues,
                                    Function<MailQueueName, EnqueueLanes> newLanes,
                                    Function<MailQueueName, ReceivingMailQueue> newReceiving) {
        this.queues = queues;
        this.newLanes = newLanes;
        this.newReceiving = newReceiving;
    }

    @Override
    public Optional<ManageableMailQueue> getQueue(MailQueueName name, PrefetchCount count) {
        return queues.getQueue(name, count).map(queue -> detached(queue, count));
    }

    @Override
    public ManageableMailQueue createQueue(MailQueueName name, PrefetchCount count) {
        return detached(queues.createQueue(name, count), count);
    }

    @Override
    public Set<MailQueueName> listCreatedMailQueues() {
        return queues.listCreatedMailQueues();
    }

    /**
     * The spool, which holds only mail due now, is read by {@link ReceiveLoops} that keep their JMS
     * sessions, one per mail processed at once: James's spooler asks for the queue with its
     * {@code <spooler><threads>} as the prefetch count. A queue that holds deferred mail (RouteByMx's retries) is read
     * by James's own dequeue, one mail per session, with its exact due-time selector, on one loop:
     * that selector makes ActiveMQ scan past the deferred mail on every receive, and parallel scans
     * of 10,000 deferred mails slowed their flush from 92 s to 227 s (bench/queue-scale).
     */
    private ManageableMailQueue detached(ManageableMailQueue queue, PrefetchCount count) {
        MailQueueName name = queue.getName();
        Supplier<Flux<MailQueueItem>> dequeue = name.equals(MailQueueFactory.SPOOL)
            ? () -> new ReceiveLoops(receiving.computeIfAbsent(name, newReceiving), Math.max(1, count.asInt())).items()
            : () -> Flux.from(queue.deQueue()).subscribeOn(dequeueThreads);
        return new DetachedDequeueMailQueue(queue, lanes.computeIfAbsent(name, newLanes), dequeue);
    }
}
