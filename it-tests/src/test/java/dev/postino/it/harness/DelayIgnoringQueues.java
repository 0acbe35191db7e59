package dev.postino.it.harness;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.james.queue.api.MailQueue;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.queue.api.MailQueueName;
import org.apache.james.queue.memory.MemoryMailQueueFactory;
import org.apache.mailet.Mail;
import org.reactivestreams.Publisher;

import com.google.inject.Module;
import com.google.inject.Provides;
import com.google.inject.Singleton;

/**
 * Mail queues that behave like James's RabbitMQ queue in one respect: they ignore enqueue delays
 * and hand a mail back at once. Binds {@code MailQueueFactory<?>} (what extension mailets get) so
 * a test proves Postino's retry schedule does not depend on the queue honouring delays.
 */
public final class DelayIgnoringQueues {
    /** Every enqueue that asked for a delay and did not get it. */
    public static final AtomicInteger IGNORED_DELAYS = new AtomicInteger();

    private DelayIgnoringQueues() {
    }

    public static Module module() {
        return new com.google.inject.AbstractModule() {
            @Provides
            @Singleton
            MailQueueFactory<?> delayIgnoring(MemoryMailQueueFactory memory) {
                return new Factory(memory);
            }
        };
    }

    private static final class Factory implements MailQueueFactory<MailQueue> {
        private final MemoryMailQueueFactory delegate;

        Factory(MemoryMailQueueFactory delegate) {
            this.delegate = delegate;
        }

        @Override
        public Optional<MailQueue> getQueue(MailQueueName name, PrefetchCount count) {
            return delegate.getQueue(name, count).map(Queue::new);
        }

        @Override
        public MailQueue createQueue(MailQueueName name, PrefetchCount count) {
            return new Queue(delegate.createQueue(name, count));
        }

        @Override
        public Set<MailQueueName> listCreatedMailQueues() {
            return delegate.listCreatedMailQueues();
        }
    }

    private static final class Queue implements MailQueue {
        private final MailQueue delegate;

        Queue(MailQueue delegate) {
            this.delegate = delegate;
        }

        @Override
        public MailQueueName getName() {
            return delegate.getName();
        }

        @Override
        public void enQueue(Mail mail, Duration delay) throws MailQueueException {
            if (!delay.isZero() && !delay.isNegative()) {
                IGNORED_DELAYS.incrementAndGet();
            }
            delegate.enQueue(mail);
        }

        @Override
        public void enQueue(Mail mail) throws MailQueueException {
            delegate.enQueue(mail);
        }

        @Override
        public Publisher<Void> enqueueReactive(Mail mail) {
            return delegate.enqueueReactive(mail);
        }

        @Override
        public Publisher<MailQueueItem> deQueue() {
            return delegate.deQueue();
        }

        @Override
        public void close() throws IOException {
            delegate.close();
        }
    }
}
