package dev.postino.core.spam;

import dev.postino.core.spam.mime.MailDates;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The Date header is far from the moment the message arrived. Clients stamp Date when the user
 * sends; bulk senders reuse old templates or forge dates to sort to the top of a mailbox.
 */
public final class DateSkewRule implements SpamRule {
    private final String name;
    private final double points;
    private final Duration limit;
    private final boolean future;

    private DateSkewRule(String name, double points, Duration limit, boolean future) {
        if (limit.isNegative()) {
            throw new IllegalArgumentException(name + " limit must not be negative, got " + limit);
        }
        this.name = name;
        this.points = points;
        this.limit = limit;
        this.future = future;
    }

    /** Date more than {@code limit} before arrival (slow queues take days, not weeks). */
    public static DateSkewRule past(double points, Duration limit) {
        return new DateSkewRule("DATE_IN_PAST", points, limit, false);
    }

    /** Date more than {@code limit} after arrival: no clock drift explains that. */
    public static DateSkewRule future(double points, Duration limit) {
        return new DateSkewRule("DATE_IN_FUTURE", points, limit, true);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Optional<Contribution> check(SpamInput input) {
        Optional<Instant> date = input.message().headers().first("Date").flatMap(MailDates::parse);
        if (date.isEmpty()) {
            return Optional.empty();
        }
        Duration skew = future ? Duration.between(input.now(), date.get()) : Duration.between(date.get(), input.now());
        if (skew.compareTo(limit) <= 0) {
            return Optional.empty();
        }
        return Optional.of(new Contribution(name, points, "Date is " + skew.toHours() + "h "
            + (future ? "after" : "before") + " arrival"));
    }
}
