package dev.postino.core.limits;

/**
 * Limit values as written in configuration and JSON: a whole number from 0 up, or
 * {@code unlimited}. 0 is a real limit (nothing may be sent: a way to stop a compromised account
 * without deleting it).
 */
public final class LimitText {
    /** No limit. */
    public static final long UNLIMITED = Long.MAX_VALUE;
    public static final String UNLIMITED_WORD = "unlimited";
    public static final String EXPECTED = "a whole number from 0 up, or " + UNLIMITED_WORD;

    private LimitText() {
    }

    /** @throws IllegalArgumentException saying what is expected (the caller names the key) */
    public static long parse(String text) {
        String value = text == null ? "" : text.trim();
        if (value.equals(UNLIMITED_WORD)) {
            return UNLIMITED;
        }
        if (value.isEmpty() || value.length() > 18 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("must be " + EXPECTED + ", got '" + value + "'");
        }
        return Long.parseLong(value);
    }

    public static String format(long limit) {
        return limit == UNLIMITED ? UNLIMITED_WORD : Long.toString(limit);
    }
}
