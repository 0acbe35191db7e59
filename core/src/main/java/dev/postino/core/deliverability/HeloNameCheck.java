package dev.postino.core.deliverability;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Judges the name we give in EHLO. RFC 5321 §4.1.1.1 asks for the client's fully-qualified domain
 * name (or an address literal when it has none); receivers such as Gmail and Yahoo count a bare
 * or local name ({@code localhost}, {@code mail}, {@code host.local}) against the sender. A bad
 * name is a warning, not a start-up failure: mail still flows, only worse.
 */
public final class HeloNameCheck {
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private HeloNameCheck() {
    }

    /** Why {@code name} is not a fully-qualified domain name, or empty when it is one. */
    public static Optional<String> problem(String name) {
        if (name == null || name.isBlank()) {
            return Optional.of("it is empty");
        }
        String lower = name.trim().toLowerCase(Locale.ROOT);
        if (lower.endsWith(".")) {
            lower = lower.substring(0, lower.length() - 1);
        }
        if (IPV4.matcher(lower).matches() || lower.startsWith("[")) {
            return Optional.of("it is an address, not a name");
        }
        String[] labels = lower.split("\\.", -1);
        if (labels.length < 2) {
            return Optional.of("it has a single label");
        }
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                return Optional.of("'" + label + "' is not a valid DNS label");
            }
        }
        String top = labels[labels.length - 1];
        if (top.equals("localhost") || top.equals("local") || top.equals("localdomain") || top.equals("internal")
            || top.equals("lan") || top.equals("home") || top.chars().allMatch(Character::isDigit)) {
            return Optional.of("'." + top + "' is not a public top-level domain");
        }
        return Optional.empty();
    }
}
