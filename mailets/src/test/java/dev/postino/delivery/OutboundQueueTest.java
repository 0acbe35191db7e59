package dev.postino.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.james.mailrepository.memory.MemoryMailRepository;
import org.apache.james.queue.api.MailQueueName;
import org.apache.james.queue.api.RawMailQueueItemDecoratorFactory;
import org.apache.james.queue.memory.MemoryMailQueueFactory.MemoryCacheableMailQueue;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.junit.jupiter.api.Test;

// GET /postino/queue/{domain}?limit=… over a 100,000-mail queue: the queue's browse hands out one mail
// at a time, and each is dealt with before the next is read (the page is kept, not the queue).
class OutboundQueueTest {
    private static final int MAILS = 100_000;
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T07:00:00Z"), ZoneOffset.UTC);

    /** A queue whose browse makes each mail when it is read: nothing holds them but the reader. */
    private static final class LargeQueue extends MemoryCacheableMailQueue {
        private int handedOut;
        private int seen;
        private int mostAhead;

        LargeQueue() {
            super(MailQueueName.of("outgoing"), new RawMailQueueItemDecoratorFactory(), CLOCK);
        }

        @Override
        public MailQueueIterator browse() {
            return new MailQueueIterator() {
                @Override
                public boolean hasNext() {
                    return handedOut < MAILS;
                }

                @Override
                public MailQueueItemView next() {
                    mostAhead = Math.max(mostAhead, handedOut - seen);
                    return new DefaultMailQueueItemView(mail("m" + handedOut++, handedOut % 10 == 0 ? "b.test" : "c.test"));
                }

                @Override
                public void close() {
                }
            };
        }
    }

    private static Mail mail(String name, String domain) {
        try {
            return FakeMail.builder().name(name).sender("alice@a.test").recipient("bob@" + domain).build();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void eachMailIsDealtWithBeforeTheQueueReadsTheNext() throws Exception {
        LargeQueue queue = new LargeQueue();
        MemoryMailRepository deferred = new MemoryMailRepository();
        deferred.store(mail("parked", "b.test"));
        OutboundQueue outbound = new OutboundQueue("outgoing", queue, deferred, new MemoryMailRepository(), null, null,
            null, null, null, null, CLOCK, new ActionHandshake());
        List<String> inBTest = new ArrayList<>();

        outbound.forEachEntry(entry -> {
            queue.seen++;
            if (!entry.view().pendingIn("b.test").isEmpty() && inBTest.size() < 3) {
                inBTest.add(entry.view().id() + " " + entry.location());
            }
        });

        assertThat(queue.seen).as("every queued mail, then the parked one").isEqualTo(MAILS + 1);
        assertThat(queue.mostAhead).as("mails read but not yet dealt with, at most").isZero();
        assertThat(inBTest).containsExactly("m9 QUEUE", "m19 QUEUE", "m29 QUEUE");
    }
}
