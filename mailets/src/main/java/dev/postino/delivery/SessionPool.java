package dev.postino.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.postino.core.route.DeliveryTarget;

/**
 * Idle sessions, by (MX host, address, port, session settings), waiting for the next mail to the same
 * place. Holds them only: whoever takes one owns it, and whatever the pool gives back (expired,
 * surplus, everything on {@link #drain()}) the caller closes, outside the pool's lock, since a
 * QUIT may wait on the network.
 */
final class SessionPool {
    private final Duration maxIdleTime;
    private final int maxIdlePerKey;
    private final Map<String, Deque<SmtpSession>> idle = new HashMap<>();
    private boolean closed;

    SessionPool(Duration maxIdleTime, int maxIdlePerKey) {
        this.maxIdleTime = maxIdleTime;
        this.maxIdlePerKey = maxIdlePerKey;
    }

    /**
     * Sessions are shared only between deliveries with the same address, port and settings, and
     * the same MX name: a TLS session checked against one name must not carry mail for another.
     */
    static String keyOf(DeliveryTarget target, int port, SessionSettings settings) {
        return target.host() + "[" + target.ip() + "]:" + port + "|" + settings.poolKey();
    }

    /**
     * The most recently used idle session for {@code key} that has not idled too long; the ones
     * that have are moved to {@code expired} for the caller to close.
     */
    synchronized Optional<SmtpSession> take(String key, Instant now, List<SmtpSession> expired) {
        Deque<SmtpSession> sessions = idle.get(key);
        Optional<SmtpSession> found = Optional.empty();
        while (sessions != null && !sessions.isEmpty() && found.isEmpty()) {
            SmtpSession session = sessions.pollFirst();
            if (isExpired(session, now)) {
                expired.add(session);
            } else {
                found = Optional.of(session);
            }
        }
        if (sessions != null && sessions.isEmpty()) {
            idle.remove(key);
        }
        return found;
    }

    /** Keeps the session idle; false when there is no room (or the pool is closed): the caller closes it. */
    synchronized boolean offer(SmtpSession session, Instant now) {
        if (closed || maxIdleTime.isZero()) {
            return false;
        }
        Deque<SmtpSession> sessions = idle.computeIfAbsent(session.poolKey(), k -> new ArrayDeque<>());
        if (sessions.size() >= maxIdlePerKey) {
            if (sessions.isEmpty()) {
                idle.remove(session.poolKey());
            }
            return false;
        }
        session.idleSince(now);
        sessions.addFirst(session);
        return true;
    }

    /** Removes and returns the sessions idle longer than the limit. */
    synchronized List<SmtpSession> removeExpired(Instant now) {
        List<SmtpSession> expired = new ArrayList<>();
        Iterator<Deque<SmtpSession>> keys = idle.values().iterator();
        while (keys.hasNext()) {
            Deque<SmtpSession> sessions = keys.next();
            sessions.removeIf(session -> isExpired(session, now) && expired.add(session));
            if (sessions.isEmpty()) {
                keys.remove();
            }
        }
        return expired;
    }

    /** Closes the pool: returns every idle session, and keeps none from now on. */
    synchronized List<SmtpSession> drain() {
        closed = true;
        List<SmtpSession> all = new ArrayList<>();
        idle.values().forEach(all::addAll);
        idle.clear();
        return all;
    }

    synchronized int idleCount() {
        return idle.values().stream().mapToInt(Deque::size).sum();
    }

    private boolean isExpired(SmtpSession session, Instant now) {
        return Duration.between(session.idleSince(), now).compareTo(maxIdleTime) > 0;
    }
}
