package dev.postino.core.dsn;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** The values of the RFC 3461 §4.1 {@code NOTIFY} RCPT parameter. */
public enum Notify {
    NEVER, SUCCESS, FAILURE, DELAY;

    /** RFC 3461 §4.1: with no NOTIFY, behave as if {@code NOTIFY=FAILURE,DELAY} had been given. */
    public static final Set<Notify> DEFAULT = Collections.unmodifiableSet(EnumSet.of(FAILURE, DELAY));

    /**
     * Parses a NOTIFY value: {@code NEVER}, or a comma-separated list of {@code SUCCESS},
     * {@code FAILURE} and {@code DELAY}, case-insensitive (ESMTP keywords are). Strict: no
     * spaces, no empty item, no repeats, and NEVER alone.
     */
    public static Set<Notify> parse(String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("empty NOTIFY value");
        }
        EnumSet<Notify> set = EnumSet.noneOf(Notify.class);
        for (String item : value.split(",", -1)) {
            Notify n = null;
            for (Notify candidate : values()) {
                if (candidate.name().equals(item.toUpperCase(Locale.ROOT))) {
                    n = candidate;
                }
            }
            if (n == null) {
                throw new IllegalArgumentException("NOTIFY '" + value + "': unknown item '" + item + "'");
            }
            if (!set.add(n)) {
                throw new IllegalArgumentException("NOTIFY '" + value + "': '" + item + "' given twice");
            }
        }
        if (set.contains(NEVER) && set.size() > 1) {
            throw new IllegalArgumentException("NOTIFY '" + value + "': NEVER cannot be combined with other values");
        }
        return Collections.unmodifiableSet(set);
    }

    /** {@code failure,delay}: the lower-case form used in log reasons. */
    static String describe(Set<Notify> set) {
        return set.stream().map(n -> n.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(","));
    }
}
