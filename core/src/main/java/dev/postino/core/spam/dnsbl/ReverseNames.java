package dev.postino.core.spam.dnsbl;

import java.util.Locale;
import java.util.Optional;

/**
 * The labels a blocklist is asked for an address (RFC 5782 §2.1 for IPv4, §2.4 for IPv6):
 * {@code 192.0.2.7} → {@code 7.2.0.192}; {@code 2001:db8::1} → 32 nibbles, lowest first. Syntax
 * only: a name that is not an address literal gives nothing.
 */
final class ReverseNames {
    private ReverseNames() {
    }

    static Optional<String> of(String address) {
        String a = address.trim();
        if (a.startsWith("[") && a.endsWith("]")) {
            a = a.substring(1, a.length() - 1);
        }
        if (a.regionMatches(true, 0, "IPv6:", 0, 5)) {
            a = a.substring(5);
        }
        return a.indexOf(':') >= 0 ? ipv6(a) : ipv4(a);
    }

    private static Optional<String> ipv4(String a) {
        String[] parts = a.split("\\.", -1);
        if (parts.length != 4) {
            return Optional.empty();
        }
        StringBuilder reversed = new StringBuilder();
        for (int i = 3; i >= 0; i--) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9') || Integer.parseInt(p) > 255) {
                return Optional.empty();
            }
            reversed.append(Integer.parseInt(p)).append(i > 0 ? "." : "");
        }
        return Optional.of(reversed.toString());
    }

    private static Optional<String> ipv6(String a) {
        int zone = a.indexOf('%');
        String text = (zone >= 0 ? a.substring(0, zone) : a).toLowerCase(Locale.ROOT);
        if (text.indexOf('.') >= 0) {
            // IPv4-mapped and -compatible forms (::ffff:192.0.2.7): list the IPv4 address.
            int colon = text.lastIndexOf(':');
            String prefix = text.substring(0, colon + 1);
            if (prefix.equals("::ffff:") || prefix.equals("::")) {
                return ipv4(text.substring(colon + 1));
            }
            return Optional.empty();
        }
        int doubleColon = text.indexOf("::");
        if (doubleColon >= 0 && text.indexOf("::", doubleColon + 1) >= 0) {
            return Optional.empty();
        }
        String[] head = groups(doubleColon < 0 ? text : text.substring(0, doubleColon));
        String[] tail = doubleColon < 0 ? new String[0] : groups(text.substring(doubleColon + 2));
        if (head == null || tail == null) {
            return Optional.empty();
        }
        int missing = 8 - head.length - tail.length;
        if ((doubleColon < 0 && missing != 0) || (doubleColon >= 0 && missing < 1)) {
            return Optional.empty();
        }
        StringBuilder hex = new StringBuilder(32);
        for (String g : head) {
            hex.append("0000", g.length(), 4).append(g);
        }
        for (int i = 0; i < missing; i++) {
            hex.append("0000");
        }
        for (String g : tail) {
            hex.append("0000", g.length(), 4).append(g);
        }
        StringBuilder reversed = new StringBuilder(64);
        for (int i = hex.length() - 1; i >= 0; i--) {
            reversed.append(hex.charAt(i)).append(i > 0 ? "." : "");
        }
        return Optional.of(reversed.toString());
    }

    /** Colon-separated groups of 1 to 4 hex digits; null when malformed. */
    private static String[] groups(String part) {
        if (part.isEmpty()) {
            return new String[0];
        }
        String[] groups = part.split(":", -1);
        for (String g : groups) {
            if (g.isEmpty() || g.length() > 4 || !g.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                return null;
            }
        }
        return groups;
    }
}
