package dev.postino.delivery;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.james.mailrepository.api.MailRepository;
import org.apache.james.metrics.api.TimeMetric;
import org.apache.james.queue.api.MailQueue;
import org.apache.mailet.DsnParameters;
import org.apache.mailet.Mail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.postino.core.delivery.DeliveryOutcome;
import dev.postino.core.delivery.SmtpPhase;
import dev.postino.core.dsn.DsnRequest;
import dev.postino.core.retry.AttemptResult;
import dev.postino.core.retry.DeliveryHistory;
import dev.postino.core.retry.RecipientRecord;
import dev.postino.core.retry.RetryDecision;
import dev.postino.core.retry.RetryPolicy;
import dev.postino.core.route.ReceivedLoopPolicy;
import dev.postino.core.route.RouteFailure;
import dev.postino.mailets.PostinoAttributes;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Consumes the outgoing mail queue: one delivery attempt per dequeued mail, then the retry
 * decision ({@link RetryPolicy}), DSNs ({@link DsnSender}), and either the mail back on the queue
 * with a delay, in the failed repository, or done.
 *
 * <p>Nothing that matters lives only in this JVM: the attempt history travels on the mail
 * ({@link PostinoAttributes#DELIVERY_HISTORY}); the retry copy is enqueued before the dequeued
 * item is acknowledged, so a crash in between costs a duplicate attempt, never the mail. A queue
 * that ignores enqueue delays (James's RabbitMQ queue) hands a mail back early: it is then parked
 * in the deferred repository and a {@link DeferredSweeper} re-enqueues it when due.
 */
public final class DeliveryWorker implements AutoCloseable {
    private static final Logger LOGGER = LoggerFactory.getLogger(DeliveryWorker.class);
    private static final Duration EARLY_TOLERANCE = Duration.ofSeconds(1);
    /** After an unexpected error: try again later, not at once (a repeatable error must not spin). */
    private static final Duration ERROR_RETRY_DELAY = Duration.ofMinutes(5);
    private static final int MAX_DETAIL = 300;
    /** How many mails' unsaved outcomes are remembered (see {@link #unsaved}). */
    private static final int MAX_UNSAVED = 10_000;
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

    private final MailQueue queue;
    private final DeliveryEngine engine;
    private final RetryPolicy retryPolicy;
    private final Duration maxAge;
    private final ReceivedLoopPolicy loopPolicy;
    private final DsnSender dsnSender;
    private final MailRepository failed;
    private final MailRepository deferred;
    private final MailRepository doubleBounce;
    private final Clock clock;
    private final int threads;
    private final DeliveryMetrics metrics;
    private final ActionHandshake handshake;
    /**
     * The outcome of an attempt that neither the queue nor the deferred repository would keep
     * (say, a full disk), by mail name. The queue then hands the mail back as it was before that
     * attempt; without this, recipients already delivered would get it again at every hand-back.
     * A last resort of this JVM only: the mail's own history stays the record, and an entry goes
     * as soon as the mail is stored again.
     */
    private final Map<String, DeliveryHistory> unsaved = java.util.Collections.synchronizedMap(
        new java.util.LinkedHashMap<String, DeliveryHistory>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, DeliveryHistory> eldest) {
                return size() > MAX_UNSAVED;
            }
        });
    private Scheduler scheduler;
    private Scheduler dequeueScheduler;
    private Disposable subscription;

    public DeliveryWorker(MailQueue queue, DeliveryEngine engine, RetryPolicy retryPolicy, Duration maxAge,
                          ReceivedLoopPolicy loopPolicy, DsnSender dsnSender, MailRepository failed,
                          MailRepository deferred, MailRepository doubleBounce, Clock clock, int threads,
                          DeliveryMetrics metrics, ActionHandshake handshake) {
        this.queue = queue;
        this.engine = engine;
        this.retryPolicy = retryPolicy;
        this.maxAge = maxAge;
        this.loopPolicy = loopPolicy;
        this.dsnSender = dsnSender;
        this.failed = failed;
        this.deferred = deferred;
        this.doubleBounce = doubleBounce;
        this.clock = clock;
        this.threads = threads;
        this.metrics = metrics;
        this.handshake = handshake;
    }

    public void start() {
        scheduler = Schedulers.newBoundedElastic(threads, 10_000, "postino-delivery");
        // Some queues (ActiveMQ) block the subscribing thread while they wait for mail: never the
        // thread that initialises the mailet.
        dequeueScheduler = Schedulers.newSingle("postino-dequeue");
        subscription = Flux.from(queue.deQueue())
            .flatMap(item -> Mono.fromRunnable(() -> process(item)).subscribeOn(scheduler), threads)
            .onErrorContinue((error, item) -> LOGGER.error("delivery worker error on {}", item, error))
            .subscribeOn(dequeueScheduler)
            .subscribe();
    }

    @Override
    public void close() {
        if (subscription != null) {
            subscription.dispose();
        }
        if (scheduler != null) {
            scheduler.dispose();
        }
        if (dequeueScheduler != null) {
            dequeueScheduler.dispose();
        }
    }

    private void process(MailQueue.MailQueueItem item) {
        Mail mail = item.getMail();
        // Waits while a postmaster action checks and removes this name; the requeue after the attempt
        // needs no lock: an action that looked before this call sees the departure and leaves the mail.
        handshake.left(mail.getName());
        try {
            if (!handshake.deliverable(mail.getName())) {
                LOGGER.info("mail={} is a replacement the postmaster withdrew (its original is being delivered); dropped",
                    mail.getName());
                item.done(MailQueue.MailQueueItem.CompletionStatus.SUCCESS);
                return;
            }
            attempt(mail);
            item.done(MailQueue.MailQueueItem.CompletionStatus.SUCCESS);
        } catch (Exception e) {
            // Unknown trouble is temporary: the mail goes back on the queue for later, nothing is bounced.
            LOGGER.error("mail={} delivery step failed; retrying in {}", mail.getName(), ERROR_RETRY_DELAY, e);
            try {
                queue.enQueue(mail, ERROR_RETRY_DELAY);
                item.done(MailQueue.MailQueueItem.CompletionStatus.SUCCESS);
            } catch (Exception again) {
                LOGGER.error("mail={} could not be re-enqueued; handing it back to the queue", mail.getName(), again);
                try {
                    item.done(MailQueue.MailQueueItem.CompletionStatus.RETRY);
                } catch (Exception lost) {
                    LOGGER.error("mail={} could not be handed back to the queue", mail.getName(), lost);
                }
            }
        }
    }

    /**
     * The first attempt at a mail that is still in James's spool, made on the spool's thread
     * instead of after a trip through the outgoing queue, and without waiting for a delivery slot.
     * True when the mail was dealt with as a dequeued one would be (delivered, queued for its next
     * attempt, bounced or kept); false when no destination of it had a free slot, so nothing was
     * tried and nothing recorded: the caller queues it as it is. A crash during the attempt leaves
     * the mail in the spool, which processes it again: a duplicate attempt, never a lost mail.
     */
    public boolean attemptNow(Mail mail) throws MessagingException {
        try {
            return attempt(mail, Optional.of(Duration.ZERO));
        } catch (MessagingException | IOException | RuntimeException e) {
            // As for a dequeued mail: unknown trouble is temporary. If even the queue refuses it,
            // the exception reaches James's spool, which keeps the mail in its error repository.
            LOGGER.error("mail={} first delivery step failed; retrying in {}", mail.getName(), ERROR_RETRY_DELAY, e);
            queue.enQueue(mail, ERROR_RETRY_DELAY);
            return true;
        }
    }

    void attempt(Mail mail) throws MessagingException, IOException {
        attempt(mail, Optional.empty());
    }

    /** {@code slotWait}: how long to wait for a delivery slot; empty = the engine's own wait. */
    private boolean attempt(Mail mail, Optional<Duration> slotWait) throws MessagingException, IOException {
        Instant now = clock.instant();
        Optional<DeliveryHistory> stored = latest(mail, PostinoAttributes.history(mail));
        DeliveryHistory history = stored.orElseGet(() -> DeliveryHistory.start(now, addresses(mail.getRecipients())));
        Optional<Instant> due = history.nextAttempt();
        if (due.isPresent() && now.plus(EARLY_TOLERANCE).isBefore(due.get())) {
            // The queue ignored our delay: park the mail until it is due.
            deferred.store(mail);
            unsaved.remove(mail.getName());
            LOGGER.info("mail={} handed back before {}; parked in the deferred repository", mail.getName(), due.get());
            return true;
        }
        List<String> pending = history.pendingRecipients();
        TimeMetric timer = metrics.attempt();
        Map<String, DeliveryOutcome> outcomes = deliverOrLocalError(mail, pending, slotWait);
        timer.stopAndPublish();
        if (slotWait.isPresent() && outcomes.values().stream().allMatch(DeliveryEngine::isBusy)) {
            return false;
        }
        List<AttemptResult> results = new ArrayList<>();
        for (String recipient : pending) {
            results.add(toResult(recipient, outcomes.get(recipient), now));
        }
        RetryDecision decision = retryPolicy.decide(history, results, now);
        try {
            settle(mail, history, outcomes, decision, now);
        } catch (MessagingException | IOException | RuntimeException e) {
            keepAfterError(mail, decision, now, e);
        }
        unsaved.remove(mail.getName());
        LOGGER.info("mail={} attempt={} outcomes={} decision={}", mail.getName(), decision.history().attempts(),
            summary(outcomes), decision.action() + decision.retryAt().map(at -> " next=" + at).orElse(""));
        return true;
    }

    /**
     * Our own trouble before or while delivering (the message cannot be read, a bug) is a
     * temporary outcome for every pending recipient, recorded like any other: the mail keeps its
     * retry schedule, its delay notice and its give-up age, instead of coming back every few
     * minutes for ever (or at once, on a queue that ignores delays).
     */
    private Map<String, DeliveryOutcome> deliverOrLocalError(Mail mail, List<String> pending, Optional<Duration> slotWait) {
        try {
            return deliver(mail, pending, slotWait);
        } catch (MessagingException | RuntimeException e) {
            LOGGER.error("mail={} local error before delivery; recorded as a temporary failure", mail.getName(), e);
            Map<String, DeliveryOutcome> outcomes = new java.util.LinkedHashMap<>();
            pending.forEach(recipient -> outcomes.put(recipient, DeliveryEngine.LOCAL_ERROR));
            return outcomes;
        }
    }

    /** Carries out a decision: DSNs, then the mail back on the queue, into the failed repository, or done. */
    private void settle(Mail mail, DeliveryHistory history, Map<String, DeliveryOutcome> outcomes,
                        RetryDecision decision, Instant now) throws MessagingException, IOException {
        count(decision);
        List<AttemptResult> relayed = relayedWithNoticeAsked(mail, outcomes, now);
        if (!relayed.isEmpty()) {
            sendSuccessNotice(mail, relayed, history.arrival());
        }
        if (!decision.failureReport().isEmpty()) {
            Map<String, String> details = new java.util.HashMap<>();
            outcomes.forEach((recipient, outcome) -> details.put(recipient, outcome.text()));
            List<String> reported = sendSafely(mail, DsnRequest.Kind.FAILED, decision.failureReport(),
                history.arrival(), Optional.empty(), details);
            if (reported.isEmpty() && mail.getMaybeSender().isNullSender()) {
                // RFC 3464 / RFC 5321 §6.2: never answer a bounce with a bounce; keep it for the admin.
                doubleBounce.store(mail);
                LOGGER.info("mail={} from <> failed for {}; stored in the double-bounce repository",
                    mail.getName(), decision.failureReport());
            }
        }
        switch (decision.action()) {
            case WARN_THEN_RETRY:
                if (!sendSafely(mail, DsnRequest.Kind.DELAYED, lastResults(decision.remaining(), now),
                    history.arrival(), Optional.of(history.arrival().plus(maxAge)), Map.of()).isEmpty()) {
                    metrics.delayDsn();
                }
                requeue(mail, decision, now);
                break;
            case RETRY_AT:
                requeue(mail, decision, now);
                break;
            case GIVE_UP:
                PostinoAttributes.setHistory(mail, decision.history());
                failed.store(mail);
                break;
            default:
                break;
        }
    }

    /**
     * A step after the attempt failed (a repository or the queue refused the mail). The attempt
     * itself happened: the mail keeps its outcome, so recipients it reached are never sent to
     * again and those it bounced are not bounced twice. It goes back on the queue for its remaining
     * recipients, or, if the queue refuses it, into the deferred repository, whose sweeper
     * enqueues it when due. Only if both refuse does the exception reach the caller.
     */
    private void keepAfterError(Mail mail, RetryDecision decision, Instant now, Exception cause) throws MessagingException {
        List<MailAddress> remaining = remainingOf(mail, decision);
        mail.setRecipients(remaining);
        PostinoAttributes.setHistory(mail, decision.history());
        if (remaining.isEmpty()) {
            LOGGER.error("mail={} step after the attempt failed; no recipient left to deliver to", mail.getName(), cause);
            return;
        }
        Instant due = decision.retryAt().orElse(now);
        Duration delay = Duration.between(now, due).compareTo(ERROR_RETRY_DELAY) > 0 ? Duration.between(now, due) : ERROR_RETRY_DELAY;
        LOGGER.error("mail={} step after the attempt failed; kept for {} and retried in {}", mail.getName(),
            decision.remaining().size() + " recipient(s)", delay, cause);
        try {
            queue.enQueue(mail, delay);
        } catch (MessagingException | RuntimeException e) {
            LOGGER.error("mail={} the queue refused it too; parked in the deferred repository", mail.getName(), e);
            try {
                deferred.store(mail);
            } catch (MessagingException | RuntimeException again) {
                unsaved.put(mail.getName(), decision.history());
                throw again;
            }
        }
    }

    /**
     * The mail's history, or the newer one of an attempt whose outcome could not be stored
     * ({@link #unsaved}): then the mail is brought up to date with it, recipients included.
     */
    private Optional<DeliveryHistory> latest(Mail mail, Optional<DeliveryHistory> stored) throws MessagingException {
        DeliveryHistory newer = unsaved.get(mail.getName());
        if (newer == null || stored.filter(h -> h.attempts() >= newer.attempts()).isPresent()) {
            return stored;
        }
        List<MailAddress> pending = new ArrayList<>();
        for (String recipient : newer.pendingRecipients()) {
            pending.add(new MailAddress(recipient));
        }
        mail.setRecipients(pending);
        PostinoAttributes.setHistory(mail, newer);
        LOGGER.info("mail={} handed back as it was before attempt {}, whose outcome could not be stored: "
            + "going on from that outcome", mail.getName(), newer.attempts());
        return Optional.of(newer);
    }

    private void count(RetryDecision decision) {
        metrics.delivered(decision.delivered().size());
        metrics.bounced(decision.failureReport().size());
        if (decision.action() == RetryDecision.Action.RETRY_AT || decision.action() == RetryDecision.Action.WARN_THEN_RETRY) {
            metrics.deferred(decision.remaining().size());
        }
    }

    /**
     * A DSN that cannot be sent must not make us deliver again to recipients already delivered
     * (the history is only saved after this step): keep a copy of the mail in the failed
     * repository for the admin, log, and go on.
     */
    private List<String> sendSafely(Mail mail, DsnRequest.Kind kind, List<AttemptResult> results, Instant arrival,
                                    Optional<Instant> willRetryUntil, Map<String, String> details) {
        try {
            return dsnSender.send(mail, kind, results, arrival, willRetryUntil, details);
        } catch (Exception e) {
            LOGGER.error("mail={} {} DSN for {} could not be sent; a copy is kept in the failed repository",
                mail.getName(), kind, results, e);
            try {
                failed.store(mail);
            } catch (Exception again) {
                LOGGER.error("mail={} could not be stored in the failed repository either", mail.getName(), again);
            }
            return List.of();
        }
    }

    /**
     * The recipients the remote took at the end of DATA whose sender asked for NOTIFY=SUCCESS but
     * whose server did not advertise DSN, so it was not told and will not report: RFC 3461 §5.2.2
     * makes us send an {@code Action: relayed} notice for them. A server that advertised DSN was
     * handed the request and reports success itself (§4.1), so nothing from us.
     */
    private static List<AttemptResult> relayedWithNoticeAsked(Mail mail, Map<String, DeliveryOutcome> outcomes,
                                                              Instant now) {
        if (mail.dsnParameters().isEmpty()) {
            return List.of();
        }
        List<AttemptResult> relayed = new ArrayList<>();
        outcomes.forEach((recipient, outcome) -> {
            if (outcome.isDelivered() && !outcome.dsnPassedOn() && DsnSender.successRequested(mail, recipient)) {
                relayed.add(toResult(recipient, outcome, now));
            }
        });
        return relayed;
    }

    /**
     * A success notice that cannot be sent is logged and dropped: the mail was delivered, so
     * nothing is kept for retry and nothing goes to the failed repository.
     */
    private void sendSuccessNotice(Mail mail, List<AttemptResult> relayed, Instant arrival) {
        try {
            dsnSender.send(mail, DsnRequest.Kind.RELAYED, relayed, arrival, Optional.empty(), Map.of());
        } catch (Exception e) {
            LOGGER.error("mail={} RELAYED DSN for {} could not be sent", mail.getName(), relayed, e);
        }
    }

    private Map<String, DeliveryOutcome> deliver(Mail mail, List<String> pending, Optional<Duration> slotWait)
        throws MessagingException {
        MimeMessage message = mail.getMessage();
        String[] received = message.getHeader("Received");
        Optional<RouteFailure> loop = loopPolicy.check(received == null ? 0 : received.length);
        if (loop.isPresent()) {
            DeliveryOutcome outcome = DeliveryOutcome.failure(loop.get().status(), SmtpPhase.CONNECT, loop.get().text());
            return pending.stream().collect(Collectors.toMap(r -> r, r -> outcome, (a, b) -> a, java.util.LinkedHashMap::new));
        }
        MessageSource source = out -> {
            try {
                message.writeTo(out);
            } catch (MessagingException e) {
                throw new IOException("cannot read the message of " + mail.getName(), e);
            }
        };
        Envelope envelope = envelopeOf(mail, pending);
        return slotWait.isPresent() ? engine.deliver(envelope, source, slotWait.get()) : engine.deliver(envelope, source);
    }

    private static Envelope envelopeOf(Mail mail, List<String> pending) throws MessagingException {
        Optional<DsnParameters> dsn = mail.dsnParameters();
        List<EnvelopeRecipient> recipients = new ArrayList<>();
        for (String address : pending) {
            Optional<DsnParameters.RecipientDsnParameters> params = dsn.flatMap(d -> d.getRcptParameters().entrySet()
                .stream().filter(e -> e.getKey().asString().equalsIgnoreCase(address)).map(Map.Entry::getValue).findFirst());
            recipients.add(EnvelopeRecipient.of(address,
                params.flatMap(DsnParameters.RecipientDsnParameters::getNotifyParameter)
                    .map(set -> set.stream().map(Enum::name).collect(Collectors.joining(","))),
                params.flatMap(DsnParameters.RecipientDsnParameters::getOrcptParameter)
                    .map(orcpt -> "rfc822;" + orcpt.asString())));
        }
        long size = MessageSize.of(mail);
        // BODY=8BITMIME when the message declares 8-bit content at the top (RFC 6152).
        String encoding = mail.getMessage().getEncoding();
        boolean eightBit = encoding != null && (encoding.equalsIgnoreCase("8bit") || encoding.equalsIgnoreCase("binary"));
        return new Envelope(mail.getMaybeSender().asOptional().map(MailAddress::asString).orElse(""), recipients, size,
            eightBit, dsn.flatMap(DsnParameters::getEnvIdParameter).map(DsnParameters.EnvId::asString),
            dsn.flatMap(DsnParameters::getRetParameter).map(Enum::name));
    }

    private void requeue(Mail mail, RetryDecision decision, Instant now) throws MessagingException {
        mail.setRecipients(remainingOf(mail, decision));
        PostinoAttributes.setHistory(mail, decision.history());
        Duration delay = Duration.between(now, decision.retryAt().orElse(now));
        queue.enQueue(mail, delay.isNegative() ? Duration.ZERO : delay);
    }

    private static List<MailAddress> remainingOf(Mail mail, RetryDecision decision) throws MessagingException {
        List<MailAddress> remaining = new ArrayList<>();
        for (RecipientRecord record : decision.remaining()) {
            try {
                remaining.add(new MailAddress(record.recipient()));
            } catch (javax.mail.internet.AddressException e) {
                throw new MessagingException("bad recipient in the history of " + mail.getName(), e);
            }
        }
        return remaining;
    }

    private static List<AttemptResult> lastResults(List<RecipientRecord> records, Instant now) {
        List<AttemptResult> results = new ArrayList<>();
        for (RecipientRecord record : records) {
            results.add(record.last().orElseGet(() -> AttemptResult.temporary(record.recipient(),
                dev.postino.core.smtp.EnhancedStatus.of(4, 0, 0), Optional.empty(), Optional.empty(), now)));
        }
        return results;
    }

    static AttemptResult toResult(String recipient, DeliveryOutcome outcome, Instant now) {
        AttemptResult.Kind kind = outcome.isDelivered() ? AttemptResult.Kind.DELIVERED
            : outcome.isPermanent() ? AttemptResult.Kind.PERMANENT : AttemptResult.Kind.TEMPORARY;
        AttemptResult result = AttemptResult.of(recipient, kind, outcome.status(), outcome.reply(), outcome.remoteHost(), now);
        // No reply (connection or DNS trouble, a static route): keep our words, for the queue view and DSNs.
        String words = CONTROL.matcher(outcome.text()).replaceAll(" ").trim();
        if (outcome.reply().isPresent() || words.isEmpty()) {
            return result;
        }
        return result.withDetail(words.length() > MAX_DETAIL ? words.substring(0, MAX_DETAIL) + "…" : words);
    }

    private static List<String> addresses(Collection<MailAddress> recipients) {
        return recipients.stream().map(MailAddress::asString).collect(Collectors.toList());
    }

    private static String summary(Map<String, DeliveryOutcome> outcomes) {
        return outcomes.entrySet().stream()
            .map(e -> e.getKey() + ":" + e.getValue().kind() + " " + e.getValue().status() + relay(e.getValue())
                + " \"" + e.getValue().reply().map(Object::toString).orElse(e.getValue().text()) + "\"")
            .collect(Collectors.joining(", ", "[", "]"));
    }

    /** Postfix's {@code relay=host[ip]}: which server answered, when one did. */
    private static String relay(DeliveryOutcome outcome) {
        return outcome.remoteHost().map(host -> " relay=" + host + outcome.remoteIp().map(ip -> "[" + ip + "]").orElse(""))
            .orElse("");
    }
}
