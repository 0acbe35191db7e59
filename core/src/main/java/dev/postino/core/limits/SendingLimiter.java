package dev.postino.core.limits;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sending limits for authenticated senders, over a {@link SendCounterStore}: the checks at MAIL
 * and RCPT read the sender's log; the end of DATA counts the message ({@link #reserve}) with a
 * compare-and-set, so two sessions of one user cannot both take the last slot.
 *
 * <p><b>When a message counts.</b> Only a message the server accepts: it is reserved at the end
 * of DATA (after every other check of the message) and released again unless the final answer
 * is 250, so a transaction that is refused, reset or dropped costs nothing. Its recipients count
 * with it: those accepted at RCPT and still on the mail. Time is the {@link Clock} given, read
 * once per decision.
 *
 * <p>Senders are keyed by their login name in lower case. Logs are trimmed to the last day on
 * every write, and every {@link #SWEEP_INTERVAL} the store is asked to forget idle senders.
 */
public final class SendingLimiter {
    public static final Duration SWEEP_INTERVAL = Duration.ofMinutes(10);

    private final Clock clock;
    private final SendCounterStore store;
    private final LimitLookup limits;
    private final AtomicLong nextSweep = new AtomicLong(Long.MIN_VALUE);

    public SendingLimiter(Clock clock, SendCounterStore store, LimitLookup limits) {
        this.clock = clock;
        this.store = store;
        this.limits = limits;
    }

    /** At MAIL: refused when a message limit is already reached. */
    public Optional<LimitRefusal> checkMail(String sender) {
        String key = LimitTable.key(sender);
        return SendingLimitPolicy.atMail(limits.limitsFor(key), store.read(key), clock.instant());
    }

    /** At RCPT, with the recipients this transaction has accepted so far. */
    public Optional<LimitRefusal> checkRcpt(String sender, int accepted) {
        String key = LimitTable.key(sender);
        return SendingLimitPolicy.atRcpt(limits.limitsFor(key), store.read(key), clock.instant(), accepted);
    }

    /** At the end of DATA: counts the message now, or refuses it. */
    public Admission reserve(String sender, int recipients) {
        String key = LimitTable.key(sender);
        Instant now = clock.instant();
        SendingLimits in = limits.limitsFor(key);
        sweepIfDue(now);
        while (true) {
            SendLog current = store.read(key);
            SendLog recent = current.since(now.minus(Window.RETENTION));
            Optional<LimitRefusal> refusal = SendingLimitPolicy.atEndOfData(in, recent, now, recipients);
            if (refusal.isPresent()) {
                return Admission.refused(refusal.get());
            }
            if (store.compareAndSet(key, current, recent.plus(now, recipients))) {
                return Admission.admitted(new Reservation(key, now, recipients));
            }
        }
    }

    /** Hands a reservation back: the message was not accepted after all. */
    public void release(Reservation reservation) {
        Instant cutoff = clock.instant().minus(Window.RETENTION);
        while (true) {
            SendLog current = store.read(reservation.sender());
            SendLog updated = current.minus(reservation.at(), reservation.recipients()).since(cutoff);
            if (updated.equals(current) || store.compareAndSet(reservation.sender(), current, updated)) {
                return;
            }
        }
    }

    public SendUsage usage(String sender) {
        String key = LimitTable.key(sender);
        return SendUsage.of(key, limits.limitsFor(key), store.read(key), clock.instant());
    }

    /** Asks the store to forget sends older than a day, at most once per {@link #SWEEP_INTERVAL}. */
    private void sweepIfDue(Instant now) {
        long due = nextSweep.get();
        long millis = now.toEpochMilli();
        if (millis >= due && nextSweep.compareAndSet(due, millis + SWEEP_INTERVAL.toMillis())) {
            store.forgetBefore(now.minus(Window.RETENTION));
        }
    }
}
