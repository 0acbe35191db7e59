package dev.postino.server.durable;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.jms.Connection;
import javax.jms.ConnectionFactory;
import javax.jms.JMSException;
import javax.jms.Message;
import javax.jms.MessageConsumer;
import javax.jms.MessageProducer;
import javax.jms.Session;
import org.apache.activemq.command.ActiveMQBlobMessage;
import org.apache.activemq.command.ActiveMQMessage;
import org.apache.james.queue.api.MailQueue.MailQueueException;
import org.apache.james.queue.api.MailQueue.MailQueueItem;
import org.apache.mailet.Mail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;

/**
 * Reads a durable queue with loops that each keep one transacted JMS session and consumer for
 * many mails, instead of James's session, consumer and broker subscription per mail (the broker
 * round trips of creating and closing them set the pace of the durable spool).
 *
 * <p>A loop receives a mail, hands it on, and receives the next only once the mail is
 * {@linkplain MailQueueItem#done done}: the commit that acknowledges a mail then covers that mail
 * alone, and a crash before it gives the mail back to the queue (at most a duplicate attempt, never a
 * loss), as with James's dequeue. {@code RETRY} rolls back and opens a new session, so the broker
 * redelivers the mail as James's dequeue would. So {@code loops} is also how many mails of this
 * queue are processed at once.
 *
 * <p>A mail the broker hands out for the {@value #MAX_REDELIVERIES}th time again (each earlier
 * dequeue rolled back: a {@code RETRY}/{@code REJECT}, a mail not done within
 * {@link #DONE_DEADLINE_MS}) is not processed again: it is stored in the {@link ErrorRepository}
 * (James's spooler's) and its dequeue committed, with one log line naming it, so the admin finds it
 * on webadmin {@code /mailRepositories} instead of the broker's unread {@code ActiveMQ.DLQ}.
 *
 * <p>A JMS selector is fixed when the consumer is made, and James's selects mail due by a time.
 * The consumer is therefore made again every {@value #SELECTOR_WINDOW_MS} ms with a selector for
 * the mail due by the end of that window: mail enqueued with a delay may start up to that much
 * early, which suits the spool (nothing there waits on purpose) and is why deferred mail is not
 * read this way.
 *
 * <p>The loops receive on a broker connection of their own, opened when {@link #items()} is
 * subscribed. {@link #close()} (the server stops) ends the loops and closes that connection: a mail
 * not done by then is rolled back and given again after the restart.
 */
final class ReceiveLoops implements Closeable {
    static final long SELECTOR_WINDOW_MS = 1000;
    /**
     * Rolled-back dequeues after which a mail goes to the error repository: as many as James's
     * spooler allows failed processings (5) before it stores a mail there, and fewer than
     * ActiveMQ's client gives a message (6) before it moves it to {@code ActiveMQ.DLQ}.
     */
    static final int MAX_REDELIVERIES = 5;
    /** Where a message that cannot be read as a mail is set aside: ActiveMQ's dead letter queue. */
    static final String UNREADABLE_QUEUE = "ActiveMQ.DLQ";
    private static final Logger LOGGER = LoggerFactory.getLogger(ReceiveLoops.class);
    /** Longer than any processing of one spool mail (RouteByMx's first attempt is bounded by its timeouts). */
    static final long DONE_DEADLINE_MS = 3_600_000;
    /** How long a loop waits at most before it looks again whether the queue was closed. */
    private static final long POLL_MS = 1000;

    /** Where a mail that keeps failing is kept for the admin. */
    interface ErrorRepository {
        /** The repository's URL, for the log line. */
        String url();

        void store(Mail mail) throws Exception;
    }

    private final LaneMailQueue queue;
    private final ConnectionFactory connections;
    private final int loops;
    private final ErrorRepository errors;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final List<Connection> opened = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();

    /** {@code queue}: reads the messages into mails; {@code connections}: where the loops receive them. */
    ReceiveLoops(LaneMailQueue queue, ConnectionFactory connections, int loops, ErrorRepository errors) {
        this.queue = queue;
        this.connections = connections;
        this.loops = loops;
        this.errors = errors;
    }

    /** Starts the loops when subscribed; they stop (within a second) when the subscription ends. */
    Flux<MailQueueItem> items() {
        return Flux.create(sink -> {
            AtomicBoolean stopped = new AtomicBoolean();
            sink.onDispose(() -> stopped.set(true));
            Connection connection;
            try {
                connection = open();
            } catch (JMSException | RuntimeException e) {
                sink.error(new MailQueueException("cannot connect to mail queue " + queue.getName().asString(), e));
                return;
            }
            for (int i = 0; i < loops; i++) {
                Thread thread = new Thread(() -> run(sink, stopped, connection),
                    "postino-receive-" + queue.getName().asString() + "-" + i);
                thread.setDaemon(true);
                threads.add(thread);
                thread.start();
            }
        }, FluxSink.OverflowStrategy.BUFFER);
    }

    private synchronized Connection open() throws JMSException {
        if (closed.get()) {
            throw new IllegalStateException("the receive loops of " + queue.getName().asString() + " are closed");
        }
        Connection connection = connections.createConnection();
        opened.add(connection);
        connection.start();
        return connection;
    }

    /**
     * Ends the loops and closes their connection, so their sessions and consumers: a mail handed
     * out and not done yet is rolled back (the broker keeps it for the next start). Waits a few
     * seconds at most for the loop threads.
     */
    @Override
    public void close() {
        synchronized (this) {
            closed.set(true);
        }
        for (Connection connection : opened) {
            try {
                connection.close();
            } catch (JMSException e) {
                LOGGER.debug("closing the receive connection of {} failed", queue.getName().asString(), e);
            }
        }
        long until = System.currentTimeMillis() + 3 * POLL_MS;
        for (Thread thread : threads) {
            try {
                thread.join(Math.max(1, until - System.currentTimeMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (thread.isAlive()) {
                LOGGER.warn("receive loop {} did not end within {} ms", thread.getName(), 3 * POLL_MS);
            }
        }
    }

    private boolean ending(AtomicBoolean stopped) {
        return stopped.get() || closed.get();
    }

    private void run(FluxSink<MailQueueItem> sink, AtomicBoolean stopped, Connection connection) {
        Session session = null;
        MessageConsumer consumer = null;
        long windowEnd = 0;
        while (!ending(stopped)) {
            try {
                long now = System.currentTimeMillis();
                if (consumer == null || now >= windowEnd) {
                    close(consumer, session);
                    consumer = null;
                    windowEnd = now + SELECTOR_WINDOW_MS;
                    session = connection.createSession(true, Session.SESSION_TRANSACTED);
                    consumer = session.createConsumer(session.createQueue(queue.getName().asString()),
                        queue.dueBy(windowEnd));
                }
                Message message = consumer.receive(Math.max(1, Math.min(POLL_MS, windowEnd - now)));
                if (message == null) {
                    continue;
                }
                Outcome outcome = hand(sink, stopped, session, consumer, message);
                if (outcome == Outcome.ROLLED_BACK) {
                    // A new session, so that the broker, not this consumer, redelivers.
                    close(consumer, session);
                }
                if (outcome != Outcome.COMMITTED) {
                    // ABANDONED: the mail's item owns the session now and closes it when done.
                    consumer = null;
                    session = null;
                }
            } catch (Exception | Error e) {
                if (ending(stopped)) {
                    break; // the server is stopping: the broker may be gone already
                }
                LOGGER.error("Receiving from mail queue {} failed; the mail stays queued, retrying in {} ms",
                    queue.getName().asString(), POLL_MS, e);
                close(consumer, session);
                consumer = null;
                session = null;
                pause(stopped);
            }
        }
        close(consumer, session);
    }

    private enum Outcome { COMMITTED, ROLLED_BACK, ABANDONED }

    /**
     * Hands one mail on and waits until it is done; the session is this mail's alone meanwhile. A
     * mail not done when the loops stop, or after {@link #DONE_DEADLINE_MS}, is abandoned: the loop
     * goes on with a new session and the mail's item closes the old one — at once past the
     * deadline (its processing is taken for lost: the broker redelivers the mail, at worst a
     * duplicate attempt), else when the mail is done, so no session is closed under a commit.
     */
    private Outcome hand(FluxSink<MailQueueItem> sink, AtomicBoolean stopped, Session session,
                         MessageConsumer consumer, Message message) throws Exception {
        Mail mail;
        int redeliveries = redeliveries(message);
        try {
            mail = queue.mailOf(message);
        } catch (Exception e) {
            if (redeliveries >= MAX_REDELIVERIES) {
                setAsideUnreadable(session, message, e);
                return Outcome.COMMITTED;
            }
            session.rollback();
            throw e;
        }
        if (redeliveries >= MAX_REDELIVERIES) {
            keepInErrorRepository(session, mail, redeliveries);
            return Outcome.COMMITTED;
        }
        Item item = new Item(mail, session, consumer, message);
        sink.next(queue.decorated(item));
        long deadline = System.currentTimeMillis() + DONE_DEADLINE_MS;
        while (true) {
            try {
                return item.finished.get(POLL_MS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                if (System.currentTimeMillis() >= deadline) {
                    LOGGER.error("Mail {} of queue {} is not done after {} s; its dequeue is rolled back and the "
                        + "queue will give it again", mail.getName(), queue.getName().asString(), DONE_DEADLINE_MS / 1000);
                    item.abandon(true);
                    return Outcome.ABANDONED;
                }
                if (ending(stopped)) {
                    item.abandon(false);
                    return Outcome.ABANDONED;
                }
            } catch (ExecutionException e) {
                return Outcome.ROLLED_BACK;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                item.abandon(false);
                return Outcome.ABANDONED;
            }
        }
    }

    private static int redeliveries(Message message) {
        return message instanceof ActiveMQMessage ? ((ActiveMQMessage) message).getRedeliveryCounter() : 0;
    }

    /**
     * Stores a mail that keeps coming back in the error repository, then acknowledges it. A failed
     * store rolls back: the mail stays queued and is tried again (ActiveMQ's own limit is lifted,
     * see {@link ActiveMqQueueModule}), so it is never dropped.
     */
    private void keepInErrorRepository(Session session, Mail mail, int redeliveries) throws Exception {
        try {
            errors.store(mail);
        } catch (Exception e) {
            session.rollback();
            throw e;
        }
        session.commit();
        LOGGER.error("mail={} queue={} was given back {} times without being done (processing failed, or was stopped, "
            + "each time); not processed again, kept in error repository {}",
            mail.getName(), queue.getName().asString(), redeliveries, errors.url());
    }

    /**
     * A message that cannot be read as a mail (not one James wrote, or damaged) cannot go to a
     * mail repository. Retried for ever it would cost an error line a second: after
     * {@value #MAX_REDELIVERIES} tries it is moved, as it is, to {@value #UNREADABLE_QUEUE} (where
     * ActiveMQ itself puts what it gives up on) in the same transaction, and logged once.
     */
    private void setAsideUnreadable(Session session, Message message, Exception cause) throws JMSException {
        try {
            MessageProducer producer = session.createProducer(session.createQueue(UNREADABLE_QUEUE));
            producer.send(message);
            producer.close();
        } catch (JMSException | RuntimeException e) {
            session.rollback();
            throw e;
        }
        session.commit();
        LOGGER.error("message={} queue={} cannot be read as a mail after {} tries; moved to {}",
            message.getJMSMessageID(), queue.getName().asString(), MAX_REDELIVERIES, UNREADABLE_QUEUE, cause);
    }

    private void pause(AtomicBoolean stopped) {
        long until = System.currentTimeMillis() + POLL_MS;
        while (!stopped.get() && !closed.get() && System.currentTimeMillis() < until) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void close(MessageConsumer consumer, Session session) {
        try {
            if (consumer != null) {
                consumer.close();
            }
        } catch (JMSException e) {
            LOGGER.debug("closing a queue consumer failed", e);
        }
        try {
            if (session != null) {
                session.close(); // an open transaction is rolled back: its mail stays queued
            }
        } catch (JMSException e) {
            LOGGER.debug("closing a queue session failed", e);
        }
    }

    /** One received mail; its {@code done} commits or rolls back the loop's session. */
    private static final class Item implements MailQueueItem {
        private final Mail mail;
        private final Session session;
        private final MessageConsumer consumer;
        private final Message message;
        private final CompletableFuture<Outcome> finished = new CompletableFuture<>();
        /** The loop has moved on: this item closes the session when it is done. */
        private boolean abandoned;

        Item(Mail mail, Session session, MessageConsumer consumer, Message message) {
            this.mail = mail;
            this.session = session;
            this.consumer = consumer;
            this.message = message;
        }

        @Override
        public Mail getMail() {
            return mail;
        }

        @Override
        public synchronized void done(CompletionStatus status) throws MailQueueException {
            if (finished.isDone()) {
                throw new MailQueueException("mail " + mail.getName() + " was already done");
            }
            try {
                if (status == CompletionStatus.SUCCESS) {
                    session.commit();
                    finished.complete(Outcome.COMMITTED);
                    deleteBlob();
                } else {
                    session.rollback();
                    finished.complete(Outcome.ROLLED_BACK);
                }
            } catch (JMSException e) {
                finished.completeExceptionally(e);
                throw new MailQueueException("cannot end the dequeue of mail " + mail.getName(), e);
            } finally {
                if (abandoned) {
                    close(consumer, session);
                }
            }
        }

        /** {@code now}: close the session even if the mail is not done (it is then redelivered). */
        synchronized void abandon(boolean now) {
            abandoned = true;
            if (now || finished.isDone()) {
                close(consumer, session);
            }
        }

        /** Mail queued as a blob by an earlier version keeps its content in a file of its own. */
        private void deleteBlob() {
            if (message instanceof ActiveMQBlobMessage) {
                try {
                    ((ActiveMQBlobMessage) message).deleteFile();
                } catch (IOException | JMSException e) {
                    LOGGER.warn("cannot delete the blob file of mail {}", mail.getName(), e);
                }
            }
        }
    }
}
