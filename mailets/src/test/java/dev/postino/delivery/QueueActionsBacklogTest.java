package dev.postino.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.apache.james.core.builder.MimeMessageBuilder;
import org.apache.james.queue.api.MailQueueName;
import org.apache.james.queue.api.RawMailQueueItemDecoratorFactory;
import org.apache.james.queue.memory.MemoryMailQueueFactory.MemoryCacheableMailQueue;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.junit.jupiter.api.Test;

// A postmaster flushes (bounces, removes from) a 100,000-mail queue, 10,000 of them for b.test: the
// queue's browse makes each mail when it is read, and hands out what the action enqueues meanwhile (as
// James's ActiveMQ browse may); the action holds a few mails at once, not the backlog, and acts once on each.
class QueueActionsBacklogTest {
    private static final int MAILS = 100_000;
    private static final int IN_B_TEST = MAILS / 10;

    private final CourierFixture.ManualClock clock = new CourierFixture.ManualClock();

    /** A queue whose browse makes each mail when it is read, then forgets it: nothing holds them but the action. */
    private final class LargeQueue extends MemoryCacheableMailQueue {
        /** What the action enqueued and the browse has not handed out yet. */
        private final Queue<Mail> enqueued = new ConcurrentLinkedQueue<>();
        private final List<String> enqueuedNames = new ArrayList<>();
        private int made;
        private int read;
        private int readInBTest;
        private int removedInBTest;
        private int mostHeld;

        LargeQueue() {
            super(MailQueueName.of("outgoing"), new RawMailQueueItemDecoratorFactory(), clock);
        }

        @Override
        public MailQueueIterator browse() {
            return new MailQueueIterator() {
                @Override
                public boolean hasNext() {
                    return !enqueued.isEmpty() || made < MAILS;
                }

                @Override
                public MailQueueItemView next() {
                    read++;
                    Mail replacement = enqueued.poll();
                    if (replacement != null) {
                        return new DefaultMailQueueItemView(replacement);
                    }
                    String name = "m" + made++;
                    boolean inBTest = made % 10 == 0;
                    synchronized (LargeQueue.this) {
                        if (inBTest) {
                            readInBTest++;
                        }
                        mostHeld = Math.max(mostHeld, readInBTest - removedInBTest);
                    }
                    return new DefaultMailQueueItemView(mail(name, inBTest ? "b.test" : "c.test"));
                }

                @Override
                public void close() {
                }
            };
        }

        @Override
        public synchronized void enQueue(Mail mail, Duration delay) {
            enqueuedNames.add(mail.getName());
            enqueued.add(mail);
        }

        @Override
        public synchronized long remove(Type type, String value) {
            if (type == Type.Name && !value.contains("~")) {
                removedInBTest++;
                return 1;
            }
            return 0;
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
    void aFlushHoldsAFewMailsAtOnceAndReplacesEachOnce() throws Exception {
        LargeQueue queue = new LargeQueue();

        QueueActions.Count count = new QueueActions(QueueFixture.outbound(queue, clock, new ActionHandshake()))
            .flush("b.test");

        assertThat(count.mails()).as("every b.test mail flushed").isEqualTo(IN_B_TEST);
        assertThat(count.busy()).isZero();
        assertThat(queue.enqueuedNames).as("one replacement each, though the browse read the replacements too")
            .hasSize(IN_B_TEST).doesNotHaveDuplicates().allMatch(name -> name.endsWith("~1"));
        assertThat(queue.read - MAILS).as("replacements the browse read back, and the flush passed over").isPositive();
        assertThat(queue.mostHeld).as("b.test mails read and not yet replaced, at most (was all 10,000)")
            .isBetween(1, QueueActions.HELD_AT_ONCE + 1);
    }

    @Test
    void aBounceHoldsOneMailAtATime() throws Exception {
        LargeQueue queue = new LargeQueue();

        QueueActions.Count count = new QueueActions(QueueFixture.outbound(queue, clock, new ActionHandshake()))
            .bounce("b.test");

        assertThat(count.mails()).isEqualTo(IN_B_TEST);
        assertThat(queue.enqueuedNames).as("nothing left pending elsewhere: no remainder").isEmpty();
        assertThat(queue.mostHeld).as("b.test mails read and not yet bounced, at most").isEqualTo(1);
    }

    @Test
    void aRemovalStopsReadingTheQueueAtTheMailRemoved() throws Exception {
        LargeQueue queue = new LargeQueue();

        boolean removed = new QueueActions(QueueFixture.outbound(queue, clock, new ActionHandshake()))
            .remove("m41", false);

        assertThat(removed).isTrue();
        assertThat(queue.read).as("m0 … m41, not the other 99,958").isEqualTo(42);
    }
}
