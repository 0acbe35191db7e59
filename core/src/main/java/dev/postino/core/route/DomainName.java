package dev.postino.core.route;

import java.util.Locale;
import java.util.regex.Pattern;

/** How this package compares and checks domain names. Package-private on purpose. */
final class DomainName {
    // RFC 1035 §2.3.1 "preferred name syntax", relaxed as RFC 1123 §2.1 allows (labels may start
    // with a digit). ASCII only: internationalised names must be written as A-labels (xn--…).
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    private DomainName() {
    }

    /**
     * The form every comparison uses: lower case and without the root's trailing dot, so that
     * {@code B.Test.} and {@code b.test} are one name (RFC 1035 §2.3.3: names compare without
     * regard to case). Does not validate: names that came from DNS are taken as they are.
     */
    static String normalize(String name) {
        if (name == null) {
            throw new IllegalArgumentException("domain name must not be null");
        }
        String lower = name.trim().toLowerCase(Locale.ROOT);
        if (lower.endsWith(".") && lower.length() > 1) {
            lower = lower.substring(0, lower.length() - 1);
        }
        if (lower.isEmpty()) {
            throw new IllegalArgumentException("domain name must not be empty");
        }
        return lower;
    }

    /** True for a normalized host name fit for configuration: dot-separated LDH labels. */
    static boolean isValid(String normalized) {
        if (normalized.length() > 253) {
            return false;
        }
        for (String label : normalized.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                return false;
            }
        }
        // An all-numeric name is an IPv4 address written without brackets, not a host name.
        return !IpLiteral.isIpv4(normalized);
    }

    /** The parent of {@code a.b.test} is {@code b.test}; a single label has none (null). */
    static String parent(String normalized) {
        int dot = normalized.indexOf('.');
        return dot < 0 ? null : normalized.substring(dot + 1);
    }
}
