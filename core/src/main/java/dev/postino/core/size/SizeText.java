package dev.postino.core.size;

/**
 * Sizes as people write them. Configuration values are a whole number and one unit: {@code 512B},
 * {@code 512K}, {@code 10M}, {@code 1G}; K, M and G are binary (1K = 1024 bytes), the way James's
 * {@code maxmessagesize} counts, so {@code size.limit=25M} and {@code <maxmessagesize>25M} are the
 * same number of bytes. A bare number is refused on purpose: James reads it as KiB, most other
 * software as bytes, and guessing which the administrator meant would be a silent factor of 1024.
 *
 * <p>Sizes shown to people are decimal, as mail clients and file managers show them ({@code 1 MB}
 * = 1,000,000 bytes), with at most one decimal.
 */
public final class SizeText {
    private static final String[] UNITS = {"kB", "MB", "GB", "TB"};

    private SizeText() {
    }

    /**
     * @return the size in bytes
     * @throws IllegalArgumentException naming the text and the expected form
     */
    public static long parse(String text) {
        if (text == null || text.length() < 2) {
            throw bad(text);
        }
        char unit = text.charAt(text.length() - 1);
        int shift;
        switch (unit) {
            case 'B':
                shift = 0;
                break;
            case 'K':
                shift = 10;
                break;
            case 'M':
                shift = 20;
                break;
            case 'G':
                shift = 30;
                break;
            default:
                throw bad(text);
        }
        String digits = text.substring(0, text.length() - 1);
        for (int i = 0; i < digits.length(); i++) {
            if (digits.charAt(i) < '0' || digits.charAt(i) > '9') {
                throw bad(text);
            }
        }
        // Every size exact() writes reads back, up to Long.MAX_VALUE bytes ("9223372036854775807B").
        long number = digits.length() > 19 ? -1 : parseWithin63Bits(digits);
        if (number < 0 || number > Long.MAX_VALUE >> shift) {
            // Shifted past 63 bits the number would wrap: 16384P-ish values read as 0 or negative.
            throw new IllegalArgumentException("'" + text + "' is too large");
        }
        return number << shift;
    }

    /** The digits' value, or -1 when it does not fit in a long. */
    private static long parseWithin63Bits(String digits) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * The inverse of {@link #parse}: {@code 10M} for 10485760, {@code 1000B} for 1000 — the largest
     * unit that writes the size exactly.
     */
    public static String exact(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("a size is not negative: " + bytes);
        }
        char[] units = {'G', 'M', 'K'};
        int[] shifts = {30, 20, 10};
        for (int i = 0; i < units.length; i++) {
            long unit = 1L << shifts[i];
            if (bytes > 0 && bytes % unit == 0) {
                return (bytes >> shifts[i]) + String.valueOf(units[i]);
            }
        }
        return bytes + "B";
    }

    private static IllegalArgumentException bad(String text) {
        return new IllegalArgumentException("'" + text + "' is not a size: write a whole number and a unit B, K, M"
            + " or G (1K = 1024 bytes), e.g. 10M");
    }

    /**
     * {@code 900 bytes}, {@code 512 kB}, {@code 1.5 MB}: decimal units, one decimal at most.
     *
     * @param roundUp up for a message's size and down for a limit, so a text never claims that a
     *                message equals the limit it exceeds
     */
    public static String human(long bytes, boolean roundUp) {
        if (bytes < 0) {
            throw new IllegalArgumentException("a size is not negative: " + bytes);
        }
        if (bytes < 1000) {
            return bytes + (bytes == 1 ? " byte" : " bytes");
        }
        int unit = 0;
        long size = 1000;
        while (unit < UNITS.length - 1 && bytes / size >= 1000) {
            size *= 1000;
            unit++;
        }
        long remainder = bytes % size;
        long tenths = bytes / size * 10 + remainder * 10 / size;
        if (roundUp && (remainder * 10) % size != 0) {
            tenths++;
        }
        String number = tenths % 10 == 0 ? Long.toString(tenths / 10) : tenths / 10 + "." + tenths % 10;
        return number + " " + UNITS[unit];
    }
}
