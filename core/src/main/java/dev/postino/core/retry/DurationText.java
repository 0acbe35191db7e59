package dev.postino.core.retry;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The configuration syntax for durations: a whole number and one unit, {@code 30s}, {@code 5m},
 * {@code 4h}, {@code 2d}, or a bare {@code 0} (used to switch a feature off). Nothing else: no
 * ISO-8601, no upper-case units, no fractions, no compound values such as {@code 1h30m} (write
 * {@code 90m}).
 */
public final class DurationText {
    // At most 9 digits keeps every value far from Duration's and Instant's limits (~31 million days).
    private static final Pattern SYNTAX = Pattern.compile("(\\d{1,9})([smhd])");

    private DurationText() {
    }

    /** Parses one duration; anything else is an {@link IllegalArgumentException} quoting the text. */
    public static Duration parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("missing duration");
        }
        String t = text.trim();
        if (t.equals("0")) {
            return Duration.ZERO;
        }
        Matcher m = SYNTAX.matcher(t);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a duration: '" + text
                + "' (expected a whole number and a unit s, m, h or d, e.g. 30s, 5m, 4h, 2d; or 0)");
        }
        long amount = Long.parseLong(m.group(1));
        switch (m.group(2)) {
            case "s":
                return Duration.ofSeconds(amount);
            case "m":
                return Duration.ofMinutes(amount);
            case "h":
                return Duration.ofHours(amount);
            default:
                return Duration.ofDays(amount);
        }
    }

    /**
     * The shortest text {@link #parse} reads back to the same value: the largest unit that divides
     * it, so 4000 s stays {@code 4000s} and 300 s is {@code 5m}. Sub-second parts are rejected.
     */
    public static String format(Duration duration) {
        if (duration.isNegative() || duration.getNano() != 0) {
            throw new IllegalArgumentException("only whole, non-negative seconds have a text form: " + duration);
        }
        long s = duration.getSeconds();
        if (s == 0) {
            return "0";
        }
        if (s % 86_400 == 0) {
            return s / 86_400 + "d";
        }
        if (s % 3_600 == 0) {
            return s / 3_600 + "h";
        }
        if (s % 60 == 0) {
            return s / 60 + "m";
        }
        return s + "s";
    }
}
