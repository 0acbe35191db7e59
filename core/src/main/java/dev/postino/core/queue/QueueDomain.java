package dev.postino.core.queue;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Recipient domains as the queue groups them: lower case, without the root's trailing dot
 * (RFC 1035 §2.3.3: names compare without regard to case).
 */
public final class QueueDomain {
    // RFC 5321 §4.1.2 Domain: dot-separated LDH labels (RFC 1123 §2.1 lets them start with a digit).
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    // RFC 5321 §4.1.3 address literal, as it appears after the @: [192.0.2.1], [IPv6:2001:db8::1].
    private static final Pattern ADDRESS_LITERAL = Pattern.compile("\\[(\\d{1,3}(\\.\\d{1,3}){3}|ipv6:[0-9a-f:.]+)\\]");

    private QueueDomain() {
    }

    /**
     * A domain typed by an administrator, normalized; {@link IllegalArgumentException} saying
     * what is wrong with it otherwise.
     */
    public static String parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("must not be empty");
        }
        String name = normalize(text);
        if (ADDRESS_LITERAL.matcher(name).matches()) {
            return name;
        }
        if (name.length() > 253) {
            throw new IllegalArgumentException("longer than 253 characters");
        }
        for (String label : name.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                throw new IllegalArgumentException("'" + label + "' is not a domain label (letters, digits and"
                    + " hyphens, 1 to 63, no hyphen at either end)");
            }
        }
        return name;
    }

    /** The domain of a recipient address ({@code Bob@B.Test.} → {@code b.test}), as the queue groups it. */
    public static String ofAddress(String address) {
        int at = address.lastIndexOf('@');
        return normalize(at < 0 ? address : address.substring(at + 1));
    }

    private static String normalize(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") && lower.length() > 1 ? lower.substring(0, lower.length() - 1) : lower;
    }
}
