package dev.postino.delivery;

import java.time.Clock;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.apache.james.core.MailAddress;
import org.apache.james.mailrepository.api.MailKey;
import org.apache.james.mailrepository.api.MailRepository;
import org.apache.james.queue.api.MailQueue;
import org.apache.james.queue.api.ManageableMailQueue;
import org.apache.mailet.Mail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.postino.core.queue.QueuedMail;
import dev.postino.core.retry.DeliveryHistory;
import dev.postino.core.retry.RecipientRecord;
import dev.postino.mailets.PostinoAttributes;

/**
 * The parts of one {@code RouteByMx} an administrator acts on: its mail queue, its deferred and
 * failed repositories, its {@link DestinationGuard}, {@link DsnSender} and courier. RouteByMx
 * registers one in the {@link OutboundRegistry} when it starts and removes it when it stops; the
 * webadmin routes read and change the queue through it ({@link QueueActions}).
 *
 * <p>It never opens or closes the queue: James's memory queues are reference counted, and the
 * instance RouteByMx holds is the only one used here.
 */
public final class OutboundQueue {
    private static final Logger LOGGER = LoggerFactory.getLogger(OutboundQueue.class);

    /** Where a mail waits: on the queue, or parked in the deferred repository. */
    public enum Location { QUEUE, DEFERRED }

    /** One waiting mail: James's {@code Mail}, its view for the administrator, and where it waits. */
    public static final class Entry {
        private final Mail mail;
        private final QueuedMail view;
        private final Location location;

        Entry(Mail mail, QueuedMail view, Location location) {
            this.mail = mail;
            this.view = view;
            this.location = location;
        }

        Mail mail() {
            return mail;
        }

        public QueuedMail view() {
            return view;
        }

        public Location location() {
            return location;
        }
    }

    final String name;
    final MailQueue queue;
    final MailRepository deferred;
    final MailRepository failed;
    final DeferredSweeper sweeper;
    final DestinationGuard guard;
    final DeliveryEngine engine;
    final DsnSender dsnSender;
    final SocketSmtpCourier courier;
    final DeliveryMetrics metrics;
    final Clock clock;
    final ActionHandshake handshake;

    /** Parts are taken, never closed: they stay RouteByMx's. */
    public OutboundQueue(String name, MailQueue queue, MailRepository deferred, MailRepository failed,
                         DeferredSweeper sweeper, DestinationGuard guard, DeliveryEngine engine, DsnSender dsnSender,
                         SocketSmtpCourier courier, DeliveryMetrics metrics, Clock clock, ActionHandshake handshake) {
        this.name = name;
        this.queue = queue;
        this.deferred = deferred;
        this.failed = failed;
        this.sweeper = sweeper;
        this.guard = guard;
        this.engine = engine;
        this.dsnSender = dsnSender;
        this.courier = courier;
        this.metrics = metrics;
        this.clock = clock;
        this.handshake = handshake;
    }

    public String name() {
        return name;
    }

    /** False for a queue James cannot browse: then only the deferred repository is listed. */
    public boolean browsable() {
        return queue instanceof ManageableMailQueue;
    }

    /** One mail's turn in a browse; false ends the browse there. */
    interface Visit {
        boolean take(Entry entry) throws Exception;
    }

    /**
     * Each mail on the queue, then each mail in the deferred repository, handed to {@code visitor} as
     * the queue's browse reads it: none is kept here after its turn, so a page of a 100,000-mail queue
     * costs the page, not the queue.
     */
    public void forEachEntry(Consumer<Entry> visitor) throws Exception {
        Visit each = entry -> {
            visitor.accept(entry);
            return true;
        };
        browseQueued(each);
        browseParked(each);
    }

    /**
     * The mails on the queue now (not those being delivered this instant), one at a time as the browse
     * reads them; the browse is closed when this returns, also when a visit ended it. A visit must not
     * enqueue or remove: James's ActiveMQ removal by name does not see a message an open browse holds,
     * and waits out its 2 s receive; collect what to act on, end the browse, then act.
     */
    void browseQueued(Visit visit) throws Exception {
        if (!browsable()) {
            return;
        }
        ManageableMailQueue.MailQueueIterator views = ((ManageableMailQueue) queue).browse();
        try {
            while (views.hasNext()) {
                ManageableMailQueue.MailQueueItemView view = views.next();
                // Not disposed: the memory queue hands out the very mail it holds.
                Optional<Entry> entry = entry(view.getMail(), view.getNextDelivery().map(ZonedDateTime::toInstant),
                    Location.QUEUE);
                if (entry.isPresent() && !visit.take(entry.get())) {
                    return;
                }
            }
        } finally {
            views.close();
        }
    }

    /**
     * The mails parked in the deferred repository, one at a time. The keys are listed first (the
     * repository's listing must not change under it); a mail gone since is passed over.
     */
    void browseParked(Visit visit) throws Exception {
        List<MailKey> keys = new ArrayList<>();
        for (Iterator<MailKey> it = deferred.list(); it.hasNext();) {
            keys.add(it.next());
        }
        for (MailKey key : keys) {
            Mail mail = deferred.retrieve(key);
            if (mail != null) {
                Optional<Entry> entry = entry(mail, Optional.empty(), Location.DEFERRED);
                if (entry.isPresent() && !visit.take(entry.get())) {
                    return;
                }
            }
        }
    }

    /** Connections this queue's courier has open now. */
    public int openConnections() {
        return courier.openConnections();
    }

    public List<DestinationStatus> destinations() {
        return guard.statuses();
    }

    public int openConnections(List<String> addresses) {
        return addresses.stream().mapToInt(courier::openConnections).sum();
    }

    /**
     * The mail's history; a mail never attempted yet has none, and gets the one its first attempt
     * would start with (due when the queue will hand it out).
     */
    private Optional<Entry> entry(Mail mail, Optional<Instant> nextDelivery, Location location) {
        String sender = mail.getMaybeSender().asOptional().map(MailAddress::asString).orElse("");
        Optional<DeliveryHistory> stored;
        try {
            stored = PostinoAttributes.history(mail);
        } catch (IllegalStateException e) {
            // The worker reports it on each attempt; the view still shows the mail and its recipients.
            LOGGER.warn("{}; shown without its history", e.getMessage());
            stored = Optional.empty();
        }
        if (stored.isPresent()) {
            return Optional.of(new Entry(mail, QueuedMail.of(mail.getName(), sender, stored.get()), location));
        }
        List<RecipientRecord> pending = mail.getRecipients().stream()
            .map(address -> RecipientRecord.pending(address.asString())).collect(Collectors.toList());
        if (pending.isEmpty()) {
            return Optional.empty();
        }
        Instant arrival = mail.getLastUpdated() == null ? clock.instant() : mail.getLastUpdated().toInstant();
        DeliveryHistory fresh = DeliveryHistory.of(arrival, 0, pending, false, Optional.of(nextDelivery.orElse(arrival)));
        return Optional.of(new Entry(mail, QueuedMail.of(mail.getName(), sender, fresh), location));
    }
}
