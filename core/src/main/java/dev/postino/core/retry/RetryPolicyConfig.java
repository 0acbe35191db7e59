package dev.postino.core.retry;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The knobs of {@link RetryPolicy}, validated together so a bad combination fails at startup.
 *
 * <table>
 *   <caption>Parameters, as read by {@link #fromParameters}</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code retrySchedule}</td><td>(unset)</td><td>explicit delays, e.g.
 *     {@code 5m, 10m, 1h*10, 4h}; excludes the two backoff keys</td></tr>
 *   <tr><td>{@code backoffInitial}</td><td>{@code 5m}</td><td>first delay of the exponential
 *     schedule (Postfix {@code minimal_backoff_time})</td></tr>
 *   <tr><td>{@code backoffCap}</td><td>{@code 4000s}</td><td>longest delay (Postfix
 *     {@code maximal_backoff_time})</td></tr>
 *   <tr><td>{@code retryJitter}</td><td>{@code 0.1}</td><td>each delay is multiplied by a factor
 *     in [1-j, 1+j], 0 to 0.5</td></tr>
 *   <tr><td>{@code delayWarningAfter}</td><td>{@code 4h}</td><td>send one "delayed" DSN once the
 *     mail is this old; {@code 0} = never (Postfix {@code delay_warning_time})</td></tr>
 *   <tr><td>{@code maxQueueLifetime}</td><td>{@code 5d}</td><td>give up once the mail is this old
 *     (Postfix {@code maximal_queue_lifetime})</td></tr>
 *   <tr><td>{@code maxAttempts}</td><td>(unlimited)</td><td>also give up after this many
 *     attempts, a whole number of at least 1</td></tr>
 * </table>
 */
public final class RetryPolicyConfig {
    public static final String RETRY_SCHEDULE = "retrySchedule";
    public static final String BACKOFF_INITIAL = "backoffInitial";
    public static final String BACKOFF_CAP = "backoffCap";
    public static final String RETRY_JITTER = "retryJitter";
    public static final String DELAY_WARNING_AFTER = "delayWarningAfter";
    public static final String MAX_QUEUE_LIFETIME = "maxQueueLifetime";
    public static final String MAX_ATTEMPTS = "maxAttempts";
    public static final Set<String> KEYS = Set.of(RETRY_SCHEDULE, BACKOFF_INITIAL, BACKOFF_CAP, RETRY_JITTER,
        DELAY_WARNING_AFTER, MAX_QUEUE_LIFETIME, MAX_ATTEMPTS);

    public static final Duration DEFAULT_WARN_AFTER = Duration.ofHours(4);
    public static final Duration DEFAULT_MAX_AGE = Duration.ofDays(5);
    private static final Pattern JITTER = Pattern.compile("0(\\.\\d{1,3})?");
    private static final Pattern ATTEMPTS = Pattern.compile("[1-9]\\d{0,5}");

    private final RetrySchedule schedule;
    private final Duration warnAfter;
    private final Duration maxAge;
    private final OptionalInt maxAttempts;

    private RetryPolicyConfig(RetrySchedule schedule, Duration warnAfter, Duration maxAge, OptionalInt maxAttempts) {
        this.schedule = schedule;
        this.warnAfter = warnAfter;
        this.maxAge = maxAge;
        this.maxAttempts = maxAttempts;
    }

    /** Exponential 5m..4000s with jitter 0.1, warn after 4h, give up after 5 days. */
    public static RetryPolicyConfig defaults() {
        return of(RetrySchedule.defaults(), DEFAULT_WARN_AFTER, DEFAULT_MAX_AGE, OptionalInt.empty());
    }

    /**
     * Checks: both durations whole seconds; {@code maxAge} at least one second; {@code warnAfter} zero (off) or positive and
     * strictly below {@code maxAge} (a warning at or after giving up would never be sent);
     * {@code maxAttempts}, when set, at least 1.
     */
    public static RetryPolicyConfig of(RetrySchedule schedule, Duration warnAfter, Duration maxAge,
                                       OptionalInt maxAttempts) {
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(warnAfter, "warnAfter");
        Objects.requireNonNull(maxAge, "maxAge");
        Objects.requireNonNull(maxAttempts, "maxAttempts");
        if (maxAge.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException(MAX_QUEUE_LIFETIME + " must be at least 1s, got " + maxAge);
        }
        if (warnAfter.isNegative() || warnAfter.getNano() != 0 || maxAge.getNano() != 0) {
            throw new IllegalArgumentException(DELAY_WARNING_AFTER + " and " + MAX_QUEUE_LIFETIME
                + " must be whole, non-negative seconds, got " + warnAfter + " and " + maxAge);
        }
        if (!warnAfter.isZero() && warnAfter.compareTo(maxAge) >= 0) {
            throw new IllegalArgumentException(DELAY_WARNING_AFTER + " (" + DurationText.format(warnAfter)
                + ") must be shorter than " + MAX_QUEUE_LIFETIME + " (" + DurationText.format(maxAge)
                + "), or 0 to turn the warning off");
        }
        if (maxAttempts.isPresent() && maxAttempts.getAsInt() < 1) {
            throw new IllegalArgumentException(MAX_ATTEMPTS + " must be at least 1, got " + maxAttempts.getAsInt());
        }
        return new RetryPolicyConfig(schedule, warnAfter, maxAge, maxAttempts);
    }

    /**
     * Reads the keys above (and only those: an unknown key is an error, so a misspelt key cannot
     * silently fall back to a default). Every error names the key and its value.
     */
    public static RetryPolicyConfig fromParameters(Map<String, String> parameters) {
        Set<String> unknown = new TreeSet<>(parameters.keySet());
        unknown.removeAll(KEYS);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown retry parameter(s) " + unknown + "; known: " + new TreeSet<>(KEYS));
        }
        RetrySchedule schedule;
        if (parameters.containsKey(RETRY_SCHEDULE)) {
            if (parameters.containsKey(BACKOFF_INITIAL) || parameters.containsKey(BACKOFF_CAP)) {
                throw new IllegalArgumentException(RETRY_SCHEDULE + " cannot be combined with "
                    + BACKOFF_INITIAL + " or " + BACKOFF_CAP);
            }
            schedule = read(parameters, RETRY_SCHEDULE, RetrySchedule::parse);
        } else {
            Duration initial = duration(parameters, BACKOFF_INITIAL, RetrySchedule.DEFAULT_INITIAL);
            Duration cap = duration(parameters, BACKOFF_CAP, RetrySchedule.DEFAULT_CAP);
            schedule = read(parameters, BACKOFF_INITIAL + "/" + BACKOFF_CAP, ignored -> RetrySchedule.exponential(initial, cap));
        }
        if (parameters.containsKey(RETRY_JITTER)) {
            RetrySchedule base = schedule;
            schedule = read(parameters, RETRY_JITTER, text -> base.withJitter(jitter(text)));
        }
        OptionalInt maxAttempts = parameters.containsKey(MAX_ATTEMPTS)
            ? OptionalInt.of(read(parameters, MAX_ATTEMPTS, RetryPolicyConfig::attempts)) : OptionalInt.empty();
        return of(schedule, duration(parameters, DELAY_WARNING_AFTER, DEFAULT_WARN_AFTER),
            duration(parameters, MAX_QUEUE_LIFETIME, DEFAULT_MAX_AGE), maxAttempts);
    }

    private interface Reader<T> {
        T read(String text);
    }

    private static <T> T read(Map<String, String> parameters, String key, Reader<T> reader) {
        String value = parameters.get(key);
        try {
            return reader.read(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad " + key + (value == null ? "" : " '" + value + "'") + ": "
                + e.getMessage(), e);
        }
    }

    private static Duration duration(Map<String, String> parameters, String key, Duration fallback) {
        return parameters.containsKey(key) ? read(parameters, key, DurationText::parse) : fallback;
    }

    private static double jitter(String text) {
        if (!JITTER.matcher(text.trim()).matches()) {
            throw new IllegalArgumentException("expected a decimal from 0 to 0.5, e.g. 0.1");
        }
        return Double.parseDouble(text.trim());
    }

    private static int attempts(String text) {
        if (!ATTEMPTS.matcher(text.trim()).matches()) {
            throw new IllegalArgumentException("expected a whole number from 1 to 999999");
        }
        return Integer.parseInt(text.trim());
    }

    public RetrySchedule schedule() {
        return schedule;
    }

    /** {@link Duration#ZERO} when the delay warning is off. */
    public Duration warnAfter() {
        return warnAfter;
    }

    public Duration maxAge() {
        return maxAge;
    }

    public OptionalInt maxAttempts() {
        return maxAttempts;
    }

    @Override
    public String toString() {
        return "schedule=" + schedule + " warnAfter=" + DurationText.format(warnAfter) + " maxAge="
            + DurationText.format(maxAge) + " maxAttempts="
            + (maxAttempts.isPresent() ? Integer.toString(maxAttempts.getAsInt()) : "unlimited");
    }
}
