package dev.postino.core.deliverability;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Domain names as an administrator types them into a URL: LDH labels (RFC 1123 §2.1), A-labels for IDNs. */
public final class DomainNames {
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern DIGITS_AND_DOTS = Pattern.compile("[0-9.]+");

    private DomainNames() {
    }

    /** The lower-case name without a final dot, or empty when {@code text} is not a domain name. */
    public static Optional<String> normalized(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String lower = text.trim().toLowerCase(Locale.ROOT);
        if (lower.endsWith(".")) {
            lower = lower.substring(0, lower.length() - 1);
        }
        if (lower.isEmpty() || lower.length() > 253 || DIGITS_AND_DOTS.matcher(lower).matches()) {
            return Optional.empty();
        }
        for (String label : lower.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                return Optional.empty();
            }
        }
        return Optional.of(lower);
    }
}
