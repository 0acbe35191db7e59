package dev.postino.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import javax.mail.MessagingException;

import org.apache.james.lifecycle.api.LifecycleUtil;
import org.apache.james.mailrepository.api.MailKey;
import org.apache.james.queue.api.ManageableMailQueue;
import org.apache.mailet.Mail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.postino.core.dsn.DsnRequest;
import dev.postino.core.queue.QueueOverride;
import dev.postino.core.retry.AttemptResult;
import dev.postino.core.retry.DeliveryHistory;
import dev.postino.mailets.PostinoAttributes;

/**
 * What the postmaster does to one {@link OutboundQueue}: retry a domain now, give up on a domain
 * now, remove one mail. The history rewrites are {@link QueueOverride}'s; this class moves mail.
 *
 * <p>Never lose a mail: the replacement (due now, or without the given-up recipients) is enqueued
 * <em>before</em> the old copy is removed, so a crash in between costs a duplicate attempt, never
 * the mail. Replacements get a new name ({@code name~N}) because the queue removes by name. A mail
 * that left the queue meanwhile (a worker is delivering it this instant) is skipped and its
 * replacement withdrawn; it is counted as busy.
 */
public final class QueueActions {
    private static final Logger LOGGER = LoggerFactory.getLogger(QueueActions.class);

    /** Replacements a flush writes at once. */
    private static final int REPLACEMENTS_AT_ONCE = 4;
    /**
     * Mails an action reads in one pass over the queue's browse and then acts on, the browse closed: a
     * flush of a 100,000-mail backlog holds these (with their messages, on the ActiveMQ queue), not the
     * backlog. Never act while a browse is open: James's ActiveMQ removal by name is a selector consumer
     * that does not see a message an open browser holds, and waits out its 2 s receive for each mail
     * (a 10,000-mail flush fell from ~80 to ~5 mails/s).
     */
    static final int BATCH = 500;

    private final OutboundQueue q;

    public QueueActions(OutboundQueue queue) {
        this.q = queue;
    }

    /**
     * How many mails an action moved, and how many it skipped because they were being delivered
     * (or had left the queue since the action looked at it). Safe to count from several threads.
     */
    public static final class Count {
        private int mails;
        private int busy;

        public synchronized int mails() {
            return mails;
        }

        public synchronized int busy() {
            return busy;
        }

        synchronized void moved() {
            mails++;
        }

        synchronized void skipped() {
            busy++;
        }

        public synchronized Count add(Count other) {
            mails += other.mails();
            busy += other.busy();
            return this;
        }
    }

    /**
     * Makes every mail with a pending recipient in {@code domain} due now, and forgets that the
     * destination's addresses were unreachable (else the attempt would skip them). A mail with
     * recipients elsewhere too is retried for all of them.
     */
    public Count flush(String domain) throws Exception {
        q.guard.reset(q.engine.destinationOf(domain));
        Instant now = q.clock.instant();
        Count count = new Count();
        // The names this flush met or wrote: each pass reads the queue from its start again, so it meets the
        // replacements (due now, in the domain) and mails a worker requeued under their names; each is
        // flushed once, and the flush ends at a pass that meets nothing new.
        Set<String> handled = ConcurrentHashMap.newKeySet();
        Predicate<OutboundQueue.Entry> inDomain = entry -> !entry.view().pendingIn(domain).isEmpty();
        try (ActionHandshake.Watch watch = q.handshake.watch()) {
            for (Queue<OutboundQueue.Entry> batch = nextBatch(handled, inDomain); !batch.isEmpty();
                 batch = nextBatch(handled, inDomain)) {
                replaceDueNow(watch, batch, now, handled, count);
            }
        }
        return count.add(q.sweeper.exclusively(() -> flushParked(domain, now)));
    }

    /** Replaces each mail of {@code batch} by one due now, a few at once. */
    private void replaceDueNow(ActionHandshake.Watch watch, Queue<OutboundQueue.Entry> batch, Instant now,
                               Set<String> handled, Count count)
        throws Exception {
        // Several at once: each replacement waits on the queue's store (a synced write and a removal by
        // name), and those waits overlap.
        try (Parallel<OutboundQueue.Entry> replacements = Parallel.feed(REPLACEMENTS_AT_ONCE, REPLACEMENTS_AT_ONCE,
            entry -> {
                if (watch.left(entry.view().id())) {
                    count.skipped();
                } else {
                    tally(count, replaceDueNow(watch, entry, now, handled));
                }
            })) {
            // Polled, so a mail replaced is no longer held by the batch.
            for (OutboundQueue.Entry entry = batch.poll(); entry != null; entry = batch.poll()) {
                replacements.submit(entry);
            }
            replacements.finish();
        }
    }

    private boolean replaceDueNow(ActionHandshake.Watch watch, OutboundQueue.Entry entry, Instant now,
                                  Set<String> handled)
        throws Exception {
        Mail due = MailCopies.copy(entry.mail(), MailCopies.renamed(entry.view().id(), 1));
        if (hasHistory(entry.mail())) {
            PostinoAttributes.setHistory(due, QueueOverride.dueNow(entry.view().history(), now));
        }
        // Before it is on the queue, where the flush's next pass reads it.
        handled.add(due.getName());
        try {
            enqueueAnnounced(due, Duration.ZERO);
            return replaced(watch, entry, Optional.of(due));
        } finally {
            LifecycleUtil.dispose(due);
        }
    }

    private Count flushParked(String domain, Instant now) throws Exception {
        Count count = new Count();
        q.browseParked(entry -> {
            if (!entry.view().pendingIn(domain).isEmpty()) {
                Mail mail = entry.mail();
                PostinoAttributes.setHistory(mail, QueueOverride.dueNow(entry.view().history(), now));
                q.queue.enQueue(mail);
                q.deferred.remove(new MailKey(entry.view().id()));
                count.moved();
            }
            return true;
        });
        return count;
    }

    /**
     * Gives up now on the pending recipients in {@code domain}: a copy for them goes to the failed
     * repository, their sender gets a failure DSN (5.0.0), and the mail's recipients elsewhere stay
     * queued with their history and schedule.
     */
    public Count bounce(String domain) throws Exception {
        Instant now = q.clock.instant();
        Count count = new Count();
        // A remainder this writes has no recipient left in the domain; a mail a worker requeued under a
        // name already met is not counted twice.
        Set<String> handled = new HashSet<>();
        Predicate<OutboundQueue.Entry> inDomain =
            entry -> !QueueOverride.giveUp(entry.view().history(), domain, now).removed().isEmpty();
        try (ActionHandshake.Watch watch = q.handshake.watch()) {
            for (Queue<OutboundQueue.Entry> batch = nextBatch(handled, inDomain); !batch.isEmpty();
                 batch = nextBatch(handled, inDomain)) {
                for (OutboundQueue.Entry entry = batch.poll(); entry != null; entry = batch.poll()) {
                    if (watch.left(entry.view().id())) {
                        count.skipped();
                    } else {
                        QueueOverride.Removal removal = QueueOverride.giveUp(entry.view().history(), domain, now);
                        tally(count, bounceQueued(watch, entry, removal, now));
                    }
                }
            }
        }
        return count.add(q.sweeper.exclusively(() -> bounceParked(domain, now)));
    }

    private boolean bounceQueued(ActionHandshake.Watch watch, OutboundQueue.Entry entry, QueueOverride.Removal removal,
                                 Instant now)
        throws Exception {
        Mail kept = keptAsFailed(entry, removal);
        Optional<Mail> rest = Optional.empty();
        try {
            q.failed.store(kept);
            if (removal.leavesPending()) {
                rest = Optional.of(remainder(entry, removal, MailCopies.renamed(entry.view().id(), 2)));
                enqueueAnnounced(rest.get(), delayUntil(removal.after(), now));
            }
            if (replaced(watch, entry, rest)) {
                notifySender(entry, removal);
                return true;
            }
            q.failed.remove(MailKey.forMail(kept));
            return false;
        } finally {
            LifecycleUtil.dispose(kept);
            rest.ifPresent(LifecycleUtil::dispose);
        }
    }

    private Count bounceParked(String domain, Instant now) throws Exception {
        Count count = new Count();
        q.browseParked(entry -> {
            QueueOverride.Removal removal = QueueOverride.giveUp(entry.view().history(), domain, now);
            if (removal.removed().isEmpty()) {
                return true;
            }
            Mail kept = keptAsFailed(entry, removal);
            try {
                q.failed.store(kept);
            } finally {
                LifecycleUtil.dispose(kept);
            }
            if (removal.leavesPending()) {
                // Same name: the repository replaces the parked mail in one step.
                Mail rest = remainder(entry, removal, entry.view().id());
                try {
                    q.deferred.store(rest);
                } finally {
                    LifecycleUtil.dispose(rest);
                }
            } else {
                q.deferred.remove(new MailKey(entry.view().id()));
            }
            notifySender(entry, removal);
            count.moved();
            return true;
        });
        return count;
    }

    /**
     * Removes the mail named {@code id} from the queue or the deferred repository; a failure DSN
     * for its pending recipients when {@code notify}. False when no such mail waits.
     */
    public boolean remove(String id, boolean notify) throws Exception {
        Instant now = q.clock.instant();
        try (ActionHandshake.Watch watch = q.handshake.watch()) {
            // The browse stops at the mail, and is closed before the mail is removed.
            Optional<OutboundQueue.Entry> found =
                Optional.ofNullable(nextBatch(new HashSet<>(), entry -> entry.view().id().equals(id), 1).poll());
            if (found.isPresent() && replaced(watch, found.get(), Optional.empty())) {
                removed(found.get(), notify, now);
                return true;
            }
        }
        AtomicBoolean done = new AtomicBoolean();
        return q.sweeper.exclusively(() -> {
            q.browseParked(entry -> {
                if (entry.view().id().equals(id)) {
                    q.deferred.remove(new MailKey(id));
                    removed(entry, notify, now);
                    done.set(true);
                }
                return !done.get();
            });
            return done.get();
        });
    }

    /**
     * One pass over the queue from its start: up to {@link #BATCH} mails {@code wanted} picks whose names
     * are not {@code handled} (added to it). The browse is closed when this returns, so the caller may
     * enqueue and remove; empty when the pass met nothing new.
     */
    private Queue<OutboundQueue.Entry> nextBatch(Set<String> handled, Predicate<OutboundQueue.Entry> wanted)
        throws Exception {
        return nextBatch(handled, wanted, BATCH);
    }

    private Queue<OutboundQueue.Entry> nextBatch(Set<String> handled, Predicate<OutboundQueue.Entry> wanted, int most)
        throws Exception {
        Queue<OutboundQueue.Entry> batch = new ArrayDeque<>();
        q.browseQueued(entry -> {
            if (wanted.test(entry) && handled.add(entry.view().id())) {
                batch.add(entry);
            }
            return batch.size() < most;
        });
        return batch;
    }

    private void removed(OutboundQueue.Entry entry, boolean notify, Instant now) {
        QueueOverride.Removal removal = QueueOverride.giveUpAll(entry.view().history(), now);
        LOGGER.info("mail={} removed from {} by the postmaster; recipients={} notify={}", entry.view().id(), q.name,
            removal.removed().stream().map(AttemptResult::recipient).collect(Collectors.toList()), notify);
        if (notify) {
            notifySender(entry, removal);
        } else {
            q.metrics.bounced(removal.removed().size());
        }
    }

    /** A replacement goes on the queue announced: settled by {@link #replaced}. */
    private void enqueueAnnounced(Mail replacement, Duration delay) throws Exception {
        q.handshake.announce(replacement.getName());
        try {
            q.queue.enQueue(replacement, delay);
        } catch (Exception e) {
            q.handshake.settle(replacement.getName(), false);
            throw e;
        }
    }

    /**
     * Takes the old mail off the queue once its replacement is on; false (and undone) when it had left.
     * A mail a worker took since the action looked at the queue is left alone even if the queue holds
     * its name again: that is the worker's mail after its attempt (recipients it delivered are gone
     * from it), and removing it would leave the replacement, made before the attempt, to deliver to
     * them a second time. The check and the removal are one step for this JVM's workers
     * ({@link ActionHandshake.Watch#removeUnlessLeft}): no attempt fits between them.
     */
    private boolean replaced(ActionHandshake.Watch watch, OutboundQueue.Entry entry, Optional<Mail> replacement)
        throws Exception {
        ManageableMailQueue queue = (ManageableMailQueue) q.queue;
        boolean removed = false;
        boolean known = false;
        try {
            removed = watch.removeUnlessLeft(entry.view().id(),
                () -> queue.remove(ManageableMailQueue.Type.Name, entry.view().id()) > 0);
            known = true;
        } finally {
            // A worker may hold the replacement already: it drops it only when the original surely
            // stayed (a failed removal keeps it: a duplicate attempt at worst, never a loss).
            if (replacement.isPresent() && (removed || !known)) {
                q.handshake.settle(replacement.get().getName(), true);
            }
        }
        if (removed) {
            return true;
        }
        if (replacement.isPresent()) {
            // Withdrawn once its removal is over, and remembered when a worker took it meanwhile: that
            // worker drops it whenever it asks; finding no decision, it would deliver it next to the original.
            boolean taken = true;
            try {
                taken = queue.remove(ManageableMailQueue.Type.Name, replacement.get().getName()) == 0;
            } finally {
                q.handshake.withdraw(replacement.get().getName(), taken);
            }
        }
        LOGGER.info("mail={} left {} while the postmaster acted on it (being delivered); left alone",
            entry.view().id(), q.name);
        return false;
    }

    private static void tally(Count count, boolean moved) {
        if (moved) {
            count.moved();
        } else {
            count.skipped();
        }
    }

    /** The failure DSN for the recipients given up on; on trouble the mail is kept in the failed repository. */
    private void notifySender(OutboundQueue.Entry entry, QueueOverride.Removal removal) {
        q.metrics.bounced(removal.removed().size());
        try {
            q.dsnSender.send(entry.mail(), DsnRequest.Kind.FAILED, removal.removed(), entry.view().history().arrival(),
                Optional.empty(), Map.of());
        } catch (Exception e) {
            LOGGER.error("mail={} failure DSN could not be sent; a copy is kept in the failed repository",
                entry.view().id(), e);
            try {
                q.failed.store(entry.mail());
            } catch (Exception again) {
                LOGGER.error("mail={} could not be stored in the failed repository either", entry.view().id(), again);
            }
        }
    }

    /** The mail for the failed repository: the given-up recipients, their part of the history. */
    private Mail keptAsFailed(OutboundQueue.Entry entry, QueueOverride.Removal removal) throws MessagingException {
        Set<String> removed = removal.removed().stream().map(AttemptResult::recipient).collect(Collectors.toSet());
        DeliveryHistory after = removal.after();
        DeliveryHistory theirs = DeliveryHistory.of(after.arrival(), after.attempts(), after.recipients().stream()
            .filter(r -> removed.contains(r.recipient())).collect(Collectors.toList()), after.warningSent(),
            Optional.empty());
        Mail kept = MailCopies.copy(entry.mail(), MailCopies.renamed(entry.view().id(), 1));
        kept.setRecipients(MailCopies.addresses(removal.removed().stream().map(AttemptResult::recipient)
            .collect(Collectors.toList())));
        PostinoAttributes.setHistory(kept, theirs);
        return kept;
    }

    private Mail remainder(OutboundQueue.Entry entry, QueueOverride.Removal removal, String name)
        throws MessagingException {
        Mail rest = MailCopies.copy(entry.mail(), name);
        rest.setRecipients(MailCopies.addresses(removal.after().pendingRecipients()));
        PostinoAttributes.setHistory(rest, removal.after());
        return rest;
    }

    private static Duration delayUntil(DeliveryHistory history, Instant now) {
        Duration delay = Duration.between(now, history.nextAttempt().orElse(now));
        return delay.isNegative() ? Duration.ZERO : delay;
    }

    private static boolean hasHistory(Mail mail) {
        return mail.getAttribute(PostinoAttributes.DELIVERY_HISTORY).isPresent();
    }
}
