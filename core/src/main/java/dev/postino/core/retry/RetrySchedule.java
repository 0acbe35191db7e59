package dev.postino.core.retry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.regex.Pattern;

/**
 * The delays between delivery attempts, in one of two forms:
 * <ul>
 *   <li><b>exponential</b>: {@code initial}, then doubling, never above {@code cap}. The default,
 *   5 min up to 4000 s (about 67 min), is Postfix's {@code minimal_backoff_time} and
 *   {@code maximal_backoff_time};</li>
 *   <li><b>an explicit list</b> such as {@code 5m, 10m, 20m, 1h*10, 4h}: {@code *N} repeats an
 *   entry N times and the last entry repeats for ever. The largest entry is the cap.</li>
 * </ul>
 * A delay is then multiplied by a jitter factor drawn uniformly from {@code [1-j, 1+j]} so that
 * mails that failed together do not all come back together, clamped into
 * {@code [MINIMUM_DELAY, cap]} and truncated to whole seconds. Immutable.
 */
public final class RetrySchedule {
    public static final Duration MINIMUM_DELAY = Duration.ofSeconds(1);
    public static final Duration DEFAULT_INITIAL = Duration.ofMinutes(5);
    public static final Duration DEFAULT_CAP = Duration.ofSeconds(4000);
    public static final double DEFAULT_JITTER = 0.1;
    /** Above this the "schedule" is mostly noise; 0.5 already allows a 3:1 spread. */
    public static final double MAX_JITTER = 0.5;
    private static final int MAX_REPEAT = 10_000;
    private static final Pattern REPEAT = Pattern.compile("\\d{1,5}");

    // Exponential form: initial != null, list empty. List form: initial == null.
    private final Duration initial;
    private final List<Duration> delays;
    private final List<Integer> repeats;
    private final Duration cap;
    private final double jitter;

    private RetrySchedule(Duration initial, List<Duration> delays, List<Integer> repeats, Duration cap, double jitter) {
        this.initial = initial;
        this.delays = delays;
        this.repeats = repeats;
        this.cap = cap;
        this.jitter = jitter;
    }

    /** 5 min, doubling, capped at 4000 s, jitter 0.1. */
    public static RetrySchedule defaults() {
        return exponential(DEFAULT_INITIAL, DEFAULT_CAP);
    }

    /** {@code initial}, then factor 2 up to {@code cap}, with the default jitter. */
    public static RetrySchedule exponential(Duration initial, Duration cap) {
        checkDelay("initial delay", initial);
        checkDelay("delay cap", cap);
        if (cap.compareTo(initial) < 0) {
            throw new IllegalArgumentException("delay cap " + DurationText.format(cap)
                + " is below the initial delay " + DurationText.format(initial));
        }
        return new RetrySchedule(initial, List.of(), List.of(), cap, DEFAULT_JITTER);
    }

    /**
     * Parses an explicit list, strictly: comma-separated entries, each a duration
     * ({@link DurationText}) of at least one second, optionally followed by {@code *N} with
     * {@code 1 <= N <= 10000}. An empty entry, a bad duration or a bad count is an
     * {@link IllegalArgumentException} naming that entry.
     */
    public static RetrySchedule parse(String spec) {
        if (spec == null || spec.trim().isEmpty()) {
            throw new IllegalArgumentException("empty retry schedule");
        }
        List<Duration> delays = new ArrayList<>();
        List<Integer> repeats = new ArrayList<>();
        String[] entries = spec.split(",", -1);
        for (int i = 0; i < entries.length; i++) {
            String entry = entries[i].trim();
            if (entry.isEmpty()) {
                throw new IllegalArgumentException("retry schedule '" + spec + "': entry " + (i + 1) + " is empty");
            }
            int star = entry.indexOf('*');
            String durationText = star < 0 ? entry : entry.substring(0, star).trim();
            int count = star < 0 ? 1 : parseRepeat(entry, entry.substring(star + 1).trim());
            Duration delay;
            try {
                delay = DurationText.parse(durationText);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("retry schedule entry '" + entry + "': " + e.getMessage(), e);
            }
            if (delay.compareTo(MINIMUM_DELAY) < 0) {
                throw new IllegalArgumentException("retry schedule entry '" + entry + "': a delay must be at least 1s");
            }
            delays.add(delay);
            repeats.add(count);
        }
        Duration max = Collections.max(delays);
        return new RetrySchedule(null, List.copyOf(delays), List.copyOf(repeats), max, DEFAULT_JITTER);
    }

    private static int parseRepeat(String entry, String text) {
        if (!REPEAT.matcher(text).matches() || Integer.parseInt(text) < 1 || Integer.parseInt(text) > MAX_REPEAT) {
            throw new IllegalArgumentException("retry schedule entry '" + entry
                + "': the repeat count after '*' must be a whole number from 1 to " + MAX_REPEAT);
        }
        return Integer.parseInt(text);
    }

    private static void checkDelay(String what, Duration d) {
        Objects.requireNonNull(d, what);
        if (d.compareTo(MINIMUM_DELAY) < 0 || d.getNano() != 0) {
            throw new IllegalArgumentException(what + " must be a whole number of seconds, at least 1s: " + d);
        }
    }

    /** The same delays with another jitter, {@code 0} (none) to {@link #MAX_JITTER}. */
    public RetrySchedule withJitter(double newJitter) {
        if (!(newJitter >= 0 && newJitter <= MAX_JITTER)) {
            throw new IllegalArgumentException("jitter must be between 0 and " + MAX_JITTER + ", got " + newJitter);
        }
        return new RetrySchedule(initial, delays, repeats, cap, newJitter);
    }

    /**
     * The delay before the next attempt once {@code failedAttempts} attempts have been made
     * (1 after the first), before jitter.
     */
    public Duration baseDelay(int failedAttempts) {
        if (failedAttempts < 1) {
            throw new IllegalArgumentException("failedAttempts must be at least 1, got " + failedAttempts);
        }
        if (initial != null) {
            Duration d = initial;
            // Doubling until the cap, never computing 2^n, so huge attempt counts cannot overflow.
            for (int i = 1; i < failedAttempts && d.compareTo(cap) < 0; i++) {
                d = d.multipliedBy(2);
            }
            return d.compareTo(cap) > 0 ? cap : d;
        }
        int left = failedAttempts;
        for (int i = 0; i < delays.size(); i++) {
            if (left <= repeats.get(i)) {
                return delays.get(i);
            }
            left -= repeats.get(i);
        }
        return delays.get(delays.size() - 1);
    }

    /**
     * The delay to wait after {@code failedAttempts} attempts: {@link #baseDelay} times a factor
     * from {@code [1-jitter, 1+jitter]} drawn from {@code random} (one {@code nextDouble()} when
     * the jitter is not zero), truncated to whole seconds and clamped into
     * {@code [MINIMUM_DELAY, cap]}.
     */
    public Duration delay(int failedAttempts, Random random) {
        Duration base = baseDelay(failedAttempts);
        if (jitter == 0) {
            return base;
        }
        double factor = 1 + jitter * (2 * random.nextDouble() - 1);
        long seconds = (long) Math.floor(base.getSeconds() * factor);
        Duration jittered = Duration.ofSeconds(Math.max(seconds, MINIMUM_DELAY.getSeconds()));
        return jittered.compareTo(cap) > 0 ? cap : jittered;
    }

    /** No delay is ever longer: the exponential cap, or a list's largest entry. */
    public Duration cap() {
        return cap;
    }

    public double jitter() {
        return jitter;
    }

    public boolean isExponential() {
        return initial != null;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof RetrySchedule)) {
            return false;
        }
        RetrySchedule that = (RetrySchedule) o;
        return Objects.equals(initial, that.initial) && delays.equals(that.delays) && repeats.equals(that.repeats)
            && cap.equals(that.cap) && Double.compare(jitter, that.jitter) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(initial, delays, repeats, cap, jitter);
    }

    /** For logs: {@code exponential 5m..4000s jitter 0.1} or {@code 5m, 1h*10, 4h jitter 0.1}. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        if (initial != null) {
            s.append("exponential ").append(DurationText.format(initial)).append("..").append(DurationText.format(cap));
        } else {
            for (int i = 0; i < delays.size(); i++) {
                s.append(i == 0 ? "" : ", ").append(DurationText.format(delays.get(i)));
                if (repeats.get(i) != 1) {
                    s.append('*').append(repeats.get(i));
                }
            }
        }
        return s.append(" jitter ").append(jitter).toString();
    }
}
