package dev.postino.core.queue;

import java.time.Instant;
import java.util.Optional;

import dev.postino.core.retry.AttemptResult;

/**
 * The queue's view of one recipient domain: how many mails and recipients wait for it, since
 * when, when the next attempt is due, and the most recent failure among them. Immutable.
 */
public final class DomainSummary {
    private final String domain;
    private final int mails;
    private final int recipients;
    private final Instant oldestArrival;
    private final Optional<Instant> nextAttempt;
    private final Optional<AttemptResult> lastError;

    DomainSummary(String domain, int mails, int recipients, Instant oldestArrival, Optional<Instant> nextAttempt,
                  Optional<AttemptResult> lastError) {
        this.domain = domain;
        this.mails = mails;
        this.recipients = recipients;
        this.oldestArrival = oldestArrival;
        this.nextAttempt = nextAttempt;
        this.lastError = lastError;
    }

    public String domain() {
        return domain;
    }

    /** Mails with at least one recipient in the domain (a mail to two domains counts in both). */
    public int mails() {
        return mails;
    }

    public int recipients() {
        return recipients;
    }

    public Instant oldestArrival() {
        return oldestArrival;
    }

    /** The earliest next attempt among the domain's mails. */
    public Optional<Instant> nextAttempt() {
        return nextAttempt;
    }

    /** The most recent failed attempt for one of the domain's recipients; empty before any attempt. */
    public Optional<AttemptResult> lastError() {
        return lastError;
    }

    @Override
    public String toString() {
        return domain + " mails=" + mails + " rcpts=" + recipients + " oldest=" + oldestArrival
            + nextAttempt.map(at -> " next=" + at).orElse("") + lastError.map(e -> " last=[" + e + "]").orElse("");
    }
}
