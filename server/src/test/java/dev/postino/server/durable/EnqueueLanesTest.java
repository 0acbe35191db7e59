package dev.postino.server.durable;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.james.queue.api.MailQueue;
import org.apache.james.queue.api.MailQueueName;
import org.apache.mailet.Mail;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;

class EnqueueLanesTest {
    /** A lane that records what it was asked and holds each send until {@code release} opens. */
    private static final class Lane implements MailQueue {
        final List<String> sends = new CopyOnWriteArrayList<>();
        final AtomicInteger inFlight;
        final CountDownLatch release;

        Lane(AtomicInteger inFlight, CountDownLatch release) {
            this.inFlight = inFlight;
            this.release = release;
        }

        private void send(String what) throws MailQueueException {
            inFlight.incrementAndGet();
            try {
                sends.add(what);
                if (!release.await(10, TimeUnit.SECONDS)) {
                    throw new MailQueueException("not released");
                }
            } catch (InterruptedException e) {
                throw new MailQueueException("interrupted", e);
            } finally {
                inFlight.decrementAndGet();
            }
        }

        @Override
        public void enQueue(Mail mail, Duration delay) throws MailQueueException {
            send("delay " + delay);
        }

        @Override
        public void enQueue(Mail mail) throws MailQueueException {
            send("now");
        }

        @Override
        public MailQueueName getName() {
            return MailQueueName.of("spool");
        }

        @Override
        public Publisher<Void> enqueueReactive(Mail mail) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Publisher<MailQueueItem> deQueue() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {
        }
    }

    @Test
    void concurrentEnqueuesRunOnSeparateLanesAndNoMoreAtOnceThanLanes() throws Exception {
        AtomicInteger inFlight = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        Lane first = new Lane(inFlight, release);
        Lane second = new Lane(inFlight, release);
        EnqueueLanes lanes = new EnqueueLanes(List.of(first, second));
        ExecutorService senders = Executors.newFixedThreadPool(3);
        try {
            Future<?> a = senders.submit(() -> call(() -> lanes.enQueue(null)));
            Future<?> b = senders.submit(() -> call(() -> lanes.enQueue(null, Duration.ofSeconds(30))));
            Future<?> c = senders.submit(() -> call(() -> lanes.enQueue(null)));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (inFlight.get() < 2 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(inFlight).as("two sends in flight at once, one per lane").hasValue(2);
            // Watch for a while: the third must not start while both lanes are busy.
            long watchUntil = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300);
            while (System.nanoTime() < watchUntil) {
                assertThat(inFlight.get()).isLessThanOrEqualTo(2);
            }
            assertThat(first.sends).hasSize(1);
            assertThat(second.sends).hasSize(1);

            release.countDown();
            a.get(5, TimeUnit.SECONDS);
            b.get(5, TimeUnit.SECONDS);
            c.get(5, TimeUnit.SECONDS);
            assertThat(first.sends.size() + second.sends.size()).as("the third waited for a free lane").isEqualTo(3);
            List<String> all = new CopyOnWriteArrayList<>(first.sends);
            all.addAll(second.sends);
            assertThat(all).containsExactlyInAnyOrder("now", "now", "delay PT30S");
        } finally {
            senders.shutdownNow();
        }
    }

    private interface Send {
        void run() throws Exception;
    }

    private static Void call(Send send) {
        try {
            send.run();
            return null;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
