package dev.postino.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.james.core.builder.MimeMessageBuilder;
import org.apache.james.queue.api.MailQueueName;
import org.apache.james.queue.api.RawMailQueueItemDecoratorFactory;
import org.apache.james.queue.memory.MemoryMailQueueFactory.MemoryCacheableMailQueue;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.junit.jupiter.api.Test;

// A postmaster flushes (bounces, removes from) a 100,000-mail queue, 10,000 of them for b.test: the
// queue's browse makes each mail when it is read, and hands out what the action enqueued after the backlog
// (as James's ActiveMQ browse does); the action holds a batch of mails at once, not the backlog, acts once
// on each, and never enqueues or removes while a browse is open (on ActiveMQ each removal then waits 2 s).
class QueueActionsBacklogTest {
    private static final int MAILS = 100_000;
    private static final int IN_B_TEST = MAILS / 10;

    private final CourierFixture.ManualClock clock = new CourierFixture.ManualClock();

    /** A queue whose browse makes each mail when it is read, then forgets it: nothing holds them but the action. */
    private final class LargeQueue extends MemoryCacheableMailQueue {
        /** What the action enqueued, on the queue after the backlog. */
        private final Queue<Mail> enqueued = new ConcurrentLinkedQueue<>();
        private final List<String> enqueuedNames = Collections.synchronizedList(new ArrayList<>());
        /** The backlog's mails the action removed (all in b.test). */
        private final Set<String> removed = ConcurrentHashMap.newKeySet();
        /** The names the action enqueued or removed while a browse was open. */
        private final List<String> actedWhileBrowsing = Collections.synchronizedList(new ArrayList<>());
        private final AtomicInteger openBrowses = new AtomicInteger();
        private int browses;
        private int read;
        private int readBack;
        private int readInBTest;
        private int mostHeld;

        LargeQueue() {
            super(MailQueueName.of("outgoing"), new RawMailQueueItemDecoratorFactory(), clock);
        }

        @Override
        public MailQueueIterator browse() {
            openBrowses.incrementAndGet();
            browses++;
            Iterator<Mail> replacements = enqueued.iterator();
            return new MailQueueIterator() {
                private int next;
                private boolean closed;

                @Override
                public boolean hasNext() {
                    while (next < MAILS && removed.contains("m" + next)) {
                        next++;
                    }
                    return next < MAILS || replacements.hasNext();
                }

                @Override
                public MailQueueItemView next() {
                    read++;
                    if (next == MAILS) {
                        readBack++;
                        return new DefaultMailQueueItemView(replacements.next());
                    }
                    String name = "m" + next++;
                    boolean inBTest = next % 10 == 0;
                    if (inBTest) {
                        readInBTest++;
                    }
                    mostHeld = Math.max(mostHeld, readInBTest - removed.size());
                    return new DefaultMailQueueItemView(mail(name, inBTest ? "b.test" : "c.test"));
                }

                @Override
                public void close() {
                    if (!closed) {
                        closed = true;
                        openBrowses.decrementAndGet();
                    }
                }
            };
        }

        @Override
        public void enQueue(Mail mail, Duration delay) {
            actingOn(mail.getName());
            enqueuedNames.add(mail.getName());
            enqueued.add(mail);
        }

        @Override
        public long remove(Type type, String value) {
            actingOn(value);
            return type == Type.Name && !value.contains("~") && removed.add(value) ? 1 : 0;
        }

        private void actingOn(String name) {
            if (openBrowses.get() > 0) {
                actedWhileBrowsing.add(name);
            }
        }
    }

    private static Mail mail(String name, String domain) {
        try {
            FakeMail.Builder mail = FakeMail.builder().name(name).sender("alice@a.test").recipient("bob@" + domain);
            if (domain.equals("b.test")) {
                mail.mimeMessage(MimeMessageBuilder.mimeMessageBuilder().setSubject("backlog").setText("body").build());
            }
            return mail.build();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aFlushHoldsABatchAtOnceAndReplacesEachOnce() throws Exception {
        LargeQueue queue = new LargeQueue();

        QueueActions.Count count = new QueueActions(QueueFixture.outbound(queue, clock, new ActionHandshake()))
            .flush("b.test");

        assertNothingActedOnWhileBrowsing(queue);
        assertThat(count.mails()).as("every b.test mail flushed").isEqualTo(IN_B_TEST);
        assertThat(count.busy()).isZero();
        assertThat(queue.enqueuedNames).as("one replacement each, though the browse read the replacements too")
            .hasSize(IN_B_TEST).doesNotHaveDuplicates().allMatch(name -> name.endsWith("~1"));
        assertThat(queue.readBack).as("replacements the last pass read back, and the flush passed over")
            .isEqualTo(IN_B_TEST);
        assertThat(queue.browses).as("a pass per batch, then one that meets nothing new")
            .isEqualTo(IN_B_TEST / QueueActions.BATCH + 1);
        assertThat(queue.mostHeld).as("b.test mails read and not yet replaced, at most (was all 10,000)")
            .isBetween(1, QueueActions.BATCH + 1);
    }

    @Test
    void aBounceHoldsABatchAtOnce() throws Exception {
        LargeQueue queue = new LargeQueue();

        QueueActions.Count count = new QueueActions(QueueFixture.outbound(queue, clock, new ActionHandshake()))
            .bounce("b.test");

        assertNothingActedOnWhileBrowsing(queue);
        assertThat(count.mails()).isEqualTo(IN_B_TEST);
        assertThat(queue.enqueuedNames).as("nothing left pending elsewhere: no remainder").isEmpty();
        assertThat(queue.removed).as("each b.test mail removed").hasSize(IN_B_TEST);
        assertThat(queue.mostHeld).as("b.test mails read and not yet bounced, at most")
            .isBetween(1, QueueActions.BATCH + 1);
    }

    @Test
    void aRemovalStopsReadingTheQueueAtTheMailRemoved() throws Exception {
        LargeQueue queue = new LargeQueue();

        boolean removed = new QueueActions(QueueFixture.outbound(queue, clock, new ActionHandshake()))
            .remove("m41", false);

        assertNothingActedOnWhileBrowsing(queue);
        assertThat(removed).isTrue();
        assertThat(queue.removed).containsExactly("m41");
        assertThat(queue.read).as("m0 … m41, not the other 99,958").isEqualTo(42);
    }

    /** On James's ActiveMQ queue a removal by name with a browse open waits out its 2 s receive. */
    private static void assertNothingActedOnWhileBrowsing(LargeQueue queue) {
        assertThat(queue.actedWhileBrowsing).as("mails enqueued or removed while a browse was open").isEmpty();
        assertThat(queue.openBrowses).as("every browse closed, also one the action stopped").hasValue(0);
    }
}
