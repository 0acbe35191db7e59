package dev.postino.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.james.core.MailAddress;
import org.apache.james.core.builder.MimeMessageBuilder;
import org.apache.james.queue.api.MailQueueName;
import org.apache.james.queue.api.ManageableMailQueue;
import org.apache.james.queue.api.RawMailQueueItemDecoratorFactory;
import org.apache.james.queue.memory.MemoryMailQueueFactory.MemoryCacheableMailQueue;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.postino.core.retry.AttemptResult;
import dev.postino.core.retry.DeliveryHistory;
import dev.postino.core.retry.RecipientRecord;
import dev.postino.core.smtp.EnhancedStatus;
import dev.postino.mailets.PostinoAttributes;

// A postmaster flush of b.test meets a worker that, while the flush writes its replacement, takes the
// same mail, delivers bob and queues it again for carol: bob must not get the mail a second time.
class QueueActionsRaceTest {
    private final CourierFixture.ManualClock clock = new CourierFixture.ManualClock();
    private final ActionHandshake handshake = new ActionHandshake();

    /** A memory queue on which a worker takes {@code m1}, delivers bob and requeues it, the moment {@code m1~1} arrives. */
    private class RacingQueue extends MemoryCacheableMailQueue {
        RacingQueue() {
            super(MailQueueName.of("outgoing"), new RawMailQueueItemDecoratorFactory(), clock);
        }

        @Override
        public void enQueue(Mail mail, Duration delay) throws MailQueueException {
            super.enQueue(mail, delay);
            if (mail.getName().equals("m1~1")) {
                handshake.left("m1");
                remove(ManageableMailQueue.Type.Name, "m1");
                try {
                    super.enQueue(mail("m1", 2, List.of(bobDelivered(), RecipientRecord.pending("carol@b.test"))),
                        Duration.ofMinutes(10));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    /**
     * As {@link RacingQueue}, and a second worker takes the replacement {@code m1~1} while the flush is
     * withdrawing it (after the flush knew {@code m1} had left, before its removal by name finished).
     */
    private final class WithdrawRacingQueue extends RacingQueue {
        /** The second worker asks whether to deliver at once (else only after the flush is over). */
        private final boolean asksAtOnce;
        private CompletableFuture<Boolean> secondWorker;

        WithdrawRacingQueue(boolean asksAtOnce) {
            this.asksAtOnce = asksAtOnce;
        }

        @Override
        public long remove(Type type, String value) {
            if (type == Type.Name && value.equals("m1~1") && secondWorker == null) {
                super.remove(type, value);
                handshake.left("m1~1");
                secondWorker = new CompletableFuture<>();
                if (asksAtOnce) {
                    CompletableFuture.runAsync(this::secondWorkerAsks);
                }
                return 0;
            }
            return super.remove(type, value);
        }

        void secondWorkerAsks() {
            try {
                secondWorker.complete(handshake.deliverable("m1~1"));
            } catch (InterruptedException e) {
                secondWorker.completeExceptionally(e);
            }
        }
    }

    /**
     * A memory queue on which a worker takes {@code m1} the moment the flush asks to remove it by name
     * (after the flush checked that {@code m1} had not left), reports it taken, delivers bob and requeues
     * it for carol; the removal goes on once that worker is done or waits.
     */
    private final class RemovalRacingQueue extends MemoryCacheableMailQueue {
        private Thread worker;

        RemovalRacingQueue() {
            super(MailQueueName.of("outgoing"), new RawMailQueueItemDecoratorFactory(), clock);
        }

        @Override
        public long remove(Type type, String value) {
            if (type == Type.Name && value.equals("m1") && worker == null) {
                worker = new Thread(this::workerAttempt, "racing-worker");
                worker.start();
                await().atMost(Duration.ofSeconds(10)).until(() -> worker.getState() == Thread.State.TERMINATED
                    || worker.getState() == Thread.State.WAITING || worker.getState() == Thread.State.BLOCKED);
            }
            return super.remove(type, value);
        }

        private void workerAttempt() {
            if (super.remove(Type.Name, "m1") == 0) {
                return;
            }
            handshake.left("m1");
            try {
                super.enQueue(mail("m1", 2, List.of(bobDelivered(), RecipientRecord.pending("carol@b.test"))),
                    Duration.ofMinutes(10));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private RecipientRecord bobDelivered() {
        return RecipientRecord.of("bob@b.test", RecipientRecord.State.DELIVERED, Optional.of(AttemptResult.of(
            "bob@b.test", AttemptResult.Kind.DELIVERED, EnhancedStatus.parse("2.0.0"), Optional.empty(),
            Optional.of("mx.b.test"), clock.instant())));
    }

    private Mail mail(String name, int attempts, List<RecipientRecord> records) throws Exception {
        FakeMail.Builder builder = FakeMail.builder().name(name).sender("alice@a.test")
            .mimeMessage(MimeMessageBuilder.mimeMessageBuilder().setSubject("hello").setText("body").build());
        for (RecipientRecord record : records) {
            if (record.isPending()) {
                builder.recipient(record.recipient());
            }
        }
        Mail mail = builder.build();
        PostinoAttributes.setHistory(mail, DeliveryHistory.of(clock.instant(), attempts, records, false,
            Optional.of(clock.instant().plus(Duration.ofMinutes(10)))));
        return mail;
    }

    @ParameterizedTest(name = "the worker asks at once: {0}")
    @ValueSource(booleans = {true, false})
    void aReplacementAWorkerTakesWhileTheFlushWithdrawsItIsDropped(boolean asksAtOnce) throws Exception {
        WithdrawRacingQueue queue = new WithdrawRacingQueue(asksAtOnce);
        queue.enQueue(mail("m1", 1, List.of(RecipientRecord.pending("bob@b.test"), RecipientRecord.pending("carol@b.test"))),
            Duration.ofMinutes(10));
        OutboundQueue outbound = outbound(queue);

        new QueueActions(outbound).flush("b.test");
        if (!asksAtOnce) {
            queue.secondWorkerAsks();
        }

        assertThat(queue.secondWorker).as("a worker took the withdrawn replacement").isNotNull();
        assertThat(queue.secondWorker.get(10, TimeUnit.SECONDS))
            .as("the replacement was withdrawn (the first worker delivers m1): the second worker must drop it").isFalse();
    }

    private OutboundQueue outbound(MemoryCacheableMailQueue queue) {
        return QueueFixture.outbound(queue, clock, handshake);
    }

    @Test
    void aFlushLeavesAMailAWorkerRequeuedMeanwhileAsTheWorkerLeftIt() throws Exception {
        RacingQueue queue = new RacingQueue();
        OutboundQueue outbound = outbound(queue);

        QueueActions.Count count = flushOfM1(queue, outbound);

        assertLeftAsTheWorkerLeftIt(outbound, count);
    }

    @Test
    void aWorkerCannotFitAWholeAttemptBetweenTheFlushsCheckAndItsRemoval() throws Exception {
        RemovalRacingQueue queue = new RemovalRacingQueue();
        OutboundQueue outbound = outbound(queue);

        QueueActions.Count count = flushOfM1(queue, outbound);
        queue.worker.join(TimeUnit.SECONDS.toMillis(10));

        assertThat(queue.worker.isAlive()).as("the worker went on once the flush was done").isFalse();
        assertLeftAsTheWorkerLeftIt(outbound, count);
    }

    /** m1, for bob and carol, waits on the queue; then the postmaster flushes b.test. */
    private QueueActions.Count flushOfM1(MemoryCacheableMailQueue queue, OutboundQueue outbound) throws Exception {
        queue.enQueue(mail("m1", 1, List.of(RecipientRecord.pending("bob@b.test"), RecipientRecord.pending("carol@b.test"))),
            Duration.ofMinutes(10));
        return new QueueActions(outbound).flush("b.test");
    }

    private void assertLeftAsTheWorkerLeftIt(OutboundQueue outbound, QueueActions.Count count) throws Exception {
        List<String> waiting = new ArrayList<>();
        outbound.browseQueued(entry -> {
            List<String> recipients = new ArrayList<>();
            for (MailAddress address : entry.mail().getRecipients()) {
                recipients.add(address.asString());
            }
            waiting.add(entry.view().id() + " " + recipients);
            return true;
        });
        assertThat(waiting).as("bob was delivered by the worker: only carol waits, in the worker's mail")
            .containsExactly("m1 [carol@b.test]");
        assertThat(count.busy()).isEqualTo(1);
        assertThat(count.mails()).isZero();
    }
}
