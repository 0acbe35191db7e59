package dev.postino.server.durable;

import java.io.IOException;
import java.time.Duration;
import java.util.function.Supplier;

import org.apache.james.queue.api.MailQueueName;
import org.apache.james.queue.api.ManageableMailQueue;
import org.apache.mailet.Mail;
import org.reactivestreams.Publisher;

import com.github.fge.lambdas.Throwing;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A mail queue that enqueues through {@link EnqueueLanes} and whose {@link #deQueue()} never
 * runs on the subscriber's thread. James's JMS
 * (ActiveMQ) queue dequeues with a blocking {@code receive()} on whichever thread subscribes; a
 * consumer that subscribes during start-up (a mailet's {@code init()}) would otherwise block
 * start-up for ever. The memory queue does not block, so consumers written against it do not
 * all move off their thread themselves: the durable queue does it for them. Everything else is
 * delegated unchanged.
 */
final class DetachedDequeueMailQueue implements ManageableMailQueue {
    private final ManageableMailQueue queue;
    private final EnqueueLanes lanes;
    private final Supplier<Flux<MailQueueItem>> dequeue;

    /** {@code dequeue}: the mail of {@code queue}, read off the subscriber's thread. */
    DetachedDequeueMailQueue(ManageableMailQueue queue, EnqueueLanes lanes, Supplier<Flux<MailQueueItem>> dequeue) {
        this.queue = queue;
        this.lanes = lanes;
        this.dequeue = dequeue;
    }

    @Override
    public Publisher<MailQueueItem> deQueue() {
        return dequeue.get();
    }

    @Override
    public MailQueueName getName() {
        return queue.getName();
    }

    @Override
    public void enQueue(Mail mail, Duration delay) throws MailQueueException {
        lanes.enQueue(mail, delay);
    }

    @Override
    public void enQueue(Mail mail) throws MailQueueException {
        lanes.enQueue(mail);
    }

    @Override
    public Publisher<Void> enqueueReactive(Mail mail) {
        // Blocking, as James's JMS queue is: the caller gets its answer once the mail is on disk.
        return Mono.fromRunnable(Throwing.runnable(() -> lanes.enQueue(mail)).sneakyThrow());
    }

    @Override
    public long getSize() throws MailQueueException {
        return queue.getSize();
    }

    @Override
    public Publisher<Long> getSizeReactive() {
        return queue.getSizeReactive();
    }

    @Override
    public long flush() throws MailQueueException {
        return queue.flush();
    }

    @Override
    public long clear() throws MailQueueException {
        return queue.clear();
    }

    @Override
    public long remove(Type type, String value) throws MailQueueException {
        return queue.remove(type, value);
    }

    @Override
    public MailQueueIterator browse() throws MailQueueException {
        return queue.browse();
    }

    @Override
    public void close() throws IOException {
        queue.close();
    }
}
