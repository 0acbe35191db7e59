package dev.postino.core.sieve;

import java.math.BigInteger;
import java.util.Locale;

/** The RFC 4790 comparators a Sieve script may name with {@code :comparator}. */
public enum SieveComparator {
    OCTET("i;octet"),
    ASCII_CASEMAP("i;ascii-casemap"),
    ASCII_NUMERIC("i;ascii-numeric");

    private final String sieveName;

    SieveComparator(String sieveName) {
        this.sieveName = sieveName;
    }

    public String sieveName() {
        return sieveName;
    }

    /** RFC 5228 §2.7.3: {@code i;ascii-casemap} unless the script names another. */
    public static SieveComparator byName(String name) {
        for (SieveComparator comparator : values()) {
            if (comparator.sieveName.equalsIgnoreCase(name)) {
                return comparator;
            }
        }
        throw new IllegalArgumentException("comparator \"" + name + "\" is not supported (i;octet, i;ascii-casemap, i;ascii-numeric)");
    }

    /** Ordering of RFC 4790 §9: negative when {@code a} sorts before {@code b}. */
    public int compare(String a, String b) {
        switch (this) {
            case ASCII_NUMERIC:
                return compareNumbers(leadingNumber(a), leadingNumber(b));
            case ASCII_CASEMAP:
                return casemap(a).compareTo(casemap(b));
            default:
                return a.compareTo(b);
        }
    }

    /** RFC 4790 §9.1: i;ascii-numeric has no substring operation, so no :contains and no :matches. */
    public boolean supportsSubstrings() {
        return this != ASCII_NUMERIC;
    }

    String prepare(String value) {
        return this == ASCII_CASEMAP ? casemap(value) : value;
    }

    private static String casemap(String value) {
        // Only a-z map (RFC 4790 §9.2): toUpperCase(Locale.ROOT) would also fold non-ASCII letters.
        StringBuilder out = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            out.append(c >= 'a' && c <= 'z' ? (char) (c - 'a' + 'A') : c);
        }
        return out.toString();
    }

    /** RFC 4790 §9.1: the leading digits as a number; a string not starting with a digit is positive infinity (null). */
    private static BigInteger leadingNumber(String value) {
        int end = 0;
        while (end < value.length() && value.charAt(end) >= '0' && value.charAt(end) <= '9') {
            end++;
        }
        return end == 0 ? null : new BigInteger(value.substring(0, end));
    }

    private static int compareNumbers(BigInteger a, BigInteger b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : 1) : -1;
        }
        return a.compareTo(b);
    }

    @Override
    public String toString() {
        return sieveName.toLowerCase(Locale.ROOT);
    }
}
