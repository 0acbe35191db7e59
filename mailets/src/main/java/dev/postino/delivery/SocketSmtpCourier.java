package dev.postino.delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.postino.core.delivery.DeliveryOutcome;
import dev.postino.core.delivery.OutcomeClassifier;
import dev.postino.core.route.DeliveryTarget;

/**
 * Our outbound SMTP client: one {@link #deliver} per (mail, mail exchanger address), over plain
 * sockets and the JDK's TLS, with sessions kept open for the next mail to the same place. No JavaMail: the
 * dialogue is small, and owning it keeps every reply and failure in our hands for the classifier.
 *
 * <h2>A delivery</h2>
 * Connect, greeting, EHLO (HELO if refused), STARTTLS per {@link dev.postino.core.route.TlsPolicy},
 * AUTH only over TLS, the SIZE pre-check, MAIL, RCPT per recipient, DATA, the dot-stuffed
 * message. Every reply and every failure becomes an outcome through the one
 * {@link OutcomeClassifier}; nothing is thrown at the caller but programming errors (null
 * arguments, a closed courier). If the connection breaks after the final dot, before the reply,
 * the outcome is temporary although the server may have the message (RFC 5321 §4.1.1.4, RFC 1047):
 * a possible duplicate is preferred over a false bounce.
 *
 * <h2>Sessions kept open</h2>
 * A session that finished a transaction (delivered or refused) without a 421 or a transport
 * failure waits idle in a pool keyed by MX host, address, port and {@link SessionSettings}; the next
 * delivery with the same key takes it, sends RSET, and opens a fresh connection instead when RSET
 * fails (not counted as a failure). Limits are in {@link CourierConfig}: idle time (expired
 * sessions are closed on next use and by a background sweep), deliveries per connection, idle
 * sessions per key. Thread-safe; each session serves one delivery at a time. {@link #close()}
 * QUITs every idle session.
 *
 * <p>Logs one line per delivery at INFO:
 * {@code target=mx1.b.test[192.0.2.1]:25 tls=yes reused=no rcpts=2 outcomes=[bob@b.test:250 2.0.0 OK, …]}.
 */
public final class SocketSmtpCourier implements SmtpCourier {
    private static final Logger LOGGER = LoggerFactory.getLogger(SocketSmtpCourier.class);
    /** The longest a QUIT waits for its 221; the session is closed either way. */
    private static final Duration QUIT_WAIT = Duration.ofSeconds(5);
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final CourierConfig config;
    private final OutcomeClassifier classifier = new OutcomeClassifier();
    private final ScheduledThreadPoolExecutor scheduler;
    private final SessionPool pool;
    private final SessionSetup setup;
    private final AtomicLong connectionsOpened = new AtomicLong();
    private final AtomicLong sessionsReused = new AtomicLong();
    private final Map<String, AtomicInteger> openByAddress = new ConcurrentHashMap<>();
    private volatile boolean closed;

    public SocketSmtpCourier() {
        this(CourierConfig.defaults());
    }

    public SocketSmtpCourier(CourierConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        // Write watchdogs and the idle sweep; two threads, so a sweep's QUIT never delays an alarm.
        String name = "postino-courier-" + INSTANCES.incrementAndGet();
        this.scheduler = new ScheduledThreadPoolExecutor(2, task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        });
        this.scheduler.setRemoveOnCancelPolicy(true);
        this.pool = new SessionPool(config.maxIdleTime(), config.maxIdleSessionsPerKey());
        this.setup = new SessionSetup(scheduler, config.verifyCertificatesWhenTlsRequired());
        if (!config.maxIdleTime().isZero()) {
            long sweep = Math.max(1000, Math.min(30_000, config.maxIdleTime().toMillis() / 2));
            scheduler.scheduleWithFixedDelay(this::closeExpired, sweep, sweep, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public CourierResult deliver(DeliveryTarget target, int port, SessionSettings settings, Envelope envelope,
                                 MessageSource message) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(envelope, "envelope");
        Objects.requireNonNull(message, "message");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1..65535, got " + port);
        }
        if (closed) {
            throw new IllegalStateException("this courier is closed");
        }
        DeliveryAttempt attempt = new DeliveryAttempt(target, envelope, classifier);
        String key = SessionPool.keyOf(target, port, settings);
        SmtpSession session = reusable(key, settings);
        boolean reused = session != null;
        try {
            if (session == null) {
                session = setup.connect(attempt, port, settings, key);
                connectionsOpened.incrementAndGet();
                countOpen(session, target.ip() + ":" + port);
            }
            if (reused || setup.setUp(session, attempt, settings)) {
                session.countDelivery();
                new MailTransaction(session, attempt, envelope, settings).run(message);
                release(session, settings);
            } else {
                session.quit(quitWait(settings)); // a session refused during setup is never kept
            }
        } catch (Exception e) {
            attempt.failOpen(e);
            if (session != null) {
                session.abort(); // no QUIT: after a transport failure the stream is in no known state
            }
        }
        CourierResult result = attempt.result(session != null && session.tls());
        // A clean delivery is in the attempt's line (DeliveryWorker, with the relay); a try that
        // failed is worth its own line, as the attempt may go on to another MX.
        boolean clean = result.outcomes().values().stream().allMatch(DeliveryOutcome::isDelivered);
        if (!clean || LOGGER.isDebugEnabled()) {
            String line = "target={}:{} tls={} reused={} rcpts={} outcomes={}";
            Object[] args = {target, port, result.tls() ? "yes" : "no", reused ? "yes" : "no", result.outcomes().size(),
                summary(result)};
            if (clean) {
                LOGGER.debug(line, args);
            } else {
                LOGGER.info(line, args);
            }
        }
        return result;
    }

    /**
     * QUITs every idle session and stops the courier's timer thread. Call it when no delivery is
     * running: one still running may end with a temporary failure, and its session is closed.
     */
    @Override
    public void close() {
        closed = true;
        pool.drain().forEach(session -> session.quit(QUIT_WAIT));
        scheduler.shutdownNow();
    }

    /** Connections this courier opened, pooled or not. */
    public long connectionsOpened() {
        return connectionsOpened.get();
    }

    /** Deliveries that went over an idle session instead of a new connection. */
    public long sessionsReused() {
        return sessionsReused.get();
    }

    /** Connections open now (delivering or idle) to {@code address}, written {@code ip:port}. */
    public int openConnections(String address) {
        AtomicInteger open = openByAddress.get(address);
        return open == null ? 0 : open.get();
    }

    /** Connections open now, to every address. */
    public int openConnections() {
        return openByAddress.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    private void countOpen(SmtpSession session, String address) {
        AtomicInteger open = openByAddress.computeIfAbsent(address, any -> new AtomicInteger());
        open.incrementAndGet();
        session.onClose(open::decrementAndGet);
    }

    /** Sessions waiting in the pool now. */
    public int idleSessions() {
        return pool.idleCount();
    }

    /** An idle session for {@code key} that answers RSET, or null. Dead ones are closed on the way. */
    private SmtpSession reusable(String key, SessionSettings settings) {
        while (true) {
            List<SmtpSession> expired = new ArrayList<>();
            Optional<SmtpSession> idle = pool.take(key, config.clock().instant(), expired);
            expired.forEach(session -> session.quit(QUIT_WAIT));
            if (idle.isEmpty()) {
                return null;
            }
            SmtpSession session = idle.get();
            if (session.reset(resetWait(settings.timeouts()))) {
                sessionsReused.incrementAndGet();
                return session;
            }
            LOGGER.debug("pooled session for {} failed RSET; opening another", key);
            session.abort();
        }
    }

    /**
     * How long RSET on a kept session may take: at most the connect timeout. A kept connection that
     * went silent (a NAT or firewall forgot it) would otherwise hold the delivery for a whole command
     * timeout (5 minutes) before a new connection is tried; Postfix gives its RSET 20 s.
     */
    static Duration resetWait(SessionSettings.Timeouts timeouts) {
        return timeouts.command.compareTo(timeouts.connect) < 0 ? timeouts.command : timeouts.connect;
    }

    /** Back to the pool if it is healthy and has deliveries left, else QUIT. */
    private void release(SmtpSession session, SessionSettings settings) {
        boolean keep = session.usable() && session.deliveries() < config.maxTransactionsPerConnection()
            && pool.offer(session, config.clock().instant());
        if (!keep) {
            session.quit(quitWait(settings));
        }
    }

    private void closeExpired() {
        try {
            pool.removeExpired(config.clock().instant()).forEach(session -> session.quit(QUIT_WAIT));
        } catch (RuntimeException e) {
            LOGGER.warn("closing idle SMTP sessions failed", e); // the sweep must keep running
        }
    }

    private static Duration quitWait(SessionSettings settings) {
        Duration command = settings.timeouts().command;
        return command.compareTo(QUIT_WAIT) < 0 ? command : QUIT_WAIT;
    }

    /** {@code [bob@b.test:250 2.0.0 OK, carol@b.test:4.4.1 connection refused during connect: …]}. */
    private static String summary(CourierResult result) {
        StringJoiner outcomes = new StringJoiner(", ", "[", "]");
        for (Map.Entry<String, DeliveryOutcome> entry : result.outcomes().entrySet()) {
            DeliveryOutcome outcome = entry.getValue();
            String said = outcome.reply().map(Object::toString).orElse(outcome.status() + " " + outcome.text());
            outcomes.add(entry.getKey() + ":" + SmtpWire.printable(said)); // at most 100 characters
        }
        return outcomes.toString();
    }
}
