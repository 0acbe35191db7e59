package dev.postino.server.durable;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

import org.apache.james.queue.api.MailQueue;
import org.apache.james.queue.api.MailQueue.MailQueueException;
import org.apache.mailet.Mail;

/**
 * Several James queue objects over one ActiveMQ queue, used only to enqueue, each with its own
 * JMS session. James's ActiveMQ queue sends every mail through one session, whose send holds a
 * lock until the broker has synced the message to disk: concurrent SMTP sessions then wait for
 * each other's disk sync, one at a time. With a session per lane, KahaDB writes the messages of
 * concurrent senders in one batch and syncs once for all of them (group commit). Each send is
 * still synchronous: {@code enQueue} returns only when this mail is on disk, so {@code 250} still
 * follows the sync.
 */
final class EnqueueLanes {
    /** Enough for the SMTP and spool threads that enqueue at once on 2–8 cores. */
    static final int LANES = 8;

    private final BlockingQueue<MailQueue> idle;

    EnqueueLanes(List<? extends MailQueue> lanes) {
        this.idle = new ArrayBlockingQueue<>(lanes.size(), false, lanes);
    }

    /** One enqueue call on a lane. */
    interface Send {
        void on(MailQueue lane) throws MailQueueException;
    }

    void enQueue(Mail mail, Duration delay) throws MailQueueException {
        send(lane -> lane.enQueue(mail, delay));
    }

    void enQueue(Mail mail) throws MailQueueException {
        send(lane -> lane.enQueue(mail));
    }

    private void send(Send send) throws MailQueueException {
        MailQueue lane = take();
        try {
            send.on(lane);
        } finally {
            idle.add(lane);
        }
    }

    private MailQueue take() throws MailQueueException {
        try {
            return idle.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MailQueueException("interrupted while waiting to enqueue", e);
        }
    }
}
