package dev.postino.server.durable;

import java.io.Closeable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

import javax.jms.ConnectionFactory;

import org.apache.james.queue.api.MailQueue.MailQueueItem;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.queue.api.MailQueueName;
import org.apache.james.queue.api.ManageableMailQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Hands out {@link DetachedDequeueMailQueue}s over another factory's queues, with one set of lanes
 * per queue. {@link #close()} (at server stop, before the broker stops) ends the spool's receive
 * loops and releases the lanes' broker connections; the other factory's queues are its own to release.
 */
final class DetachedDequeueMailQueueFactory implements MailQueueFactory<ManageableMailQueue>, Closeable {
    private static final Logger LOGGER = LoggerFactory.getLogger(DetachedDequeueMailQueueFactory.class);
    private final MailQueueFactory<? extends ManageableMailQueue> queues;
    private final Function<MailQueueName, List<LaneMailQueue>> newLanes;
    private final ConnectionFactory connections;
    private final ReceiveLoops.ErrorRepository errors;
    private final Map<MailQueueName, List<LaneMailQueue>> laneQueues = new ConcurrentHashMap<>();
    private final Map<MailQueueName, EnqueueLanes> lanes = new ConcurrentHashMap<>();
    private final Set<ReceiveLoops> receiving = ConcurrentHashMap.newKeySet();
    /** Daemon threads, each blocked at most one receive timeout (10 s) when the server stops. */
    private final Scheduler dequeueThreads = Schedulers.newBoundedElastic(
        Schedulers.DEFAULT_BOUNDED_ELASTIC_SIZE, Schedulers.DEFAULT_BOUNDED_ELASTIC_QUEUESIZE, "postino-dequeue");

    /** {@code connections}: where the spool's receive loops connect; {@code errors}: where they keep mail that keeps failing. */
    DetachedDequeueMailQueueFactory(MailQueueFactory<? extends ManageableMailQueue> queues,
                                    Function<MailQueueName, List<LaneMailQueue>> newLanes,
                                    ConnectionFactory connections, ReceiveLoops.ErrorRepository errors) {
        this.queues = queues;
        this.newLanes = newLanes;
        this.connections = connections;
        this.errors = errors;
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
        List<LaneMailQueue> nameLanes = laneQueues.computeIfAbsent(name, newLanes);
        Supplier<Flux<MailQueueItem>> dequeue = name.equals(MailQueueFactory.SPOOL)
            ? () -> receiveLoops(nameLanes.get(0), count).items()
            : () -> Flux.from(queue.deQueue()).subscribeOn(dequeueThreads);
        return new DetachedDequeueMailQueue(queue, lanes.computeIfAbsent(name, ignored -> new EnqueueLanes(nameLanes)),
            dequeue);
    }

    private ReceiveLoops receiveLoops(LaneMailQueue reader, PrefetchCount count) {
        ReceiveLoops loops = new ReceiveLoops(reader, connections, Math.max(1, count.asInt()), errors);
        receiving.add(loops);
        return loops;
    }

    /** Ends the receive loops (a mail not done is rolled back, so kept for the next start), then the lanes. */
    @Override
    public void close() {
        receiving.forEach(ReceiveLoops::close);
        laneQueues.values().forEach(queuesOfName -> queuesOfName.forEach(LaneMailQueue::dispose));
        dequeueThreads.dispose();
        LOGGER.info("mail queues closed: {} spool receive loop set(s) ended, {} queue(s)' enqueue lanes released",
            receiving.size(), laneQueues.size());
    }
}
