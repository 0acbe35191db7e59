package dev.postino.core.spam;

import java.util.Locale;
import java.util.Optional;

/** Just enough RFC 5322 §3.4 address syntax to find the address and display name in a From. */
final class AddressSyntax {
    private AddressSyntax() {
    }

    /** The addr-spec: inside angle brackets if any, otherwise the word holding '@'. */
    static Optional<String> address(String from) {
        if (from == null) {
            return Optional.empty();
        }
        int lt = from.lastIndexOf('<');
        int gt = lt < 0 ? -1 : from.indexOf('>', lt);
        String candidate;
        if (lt >= 0 && gt > lt) {
            candidate = from.substring(lt + 1, gt).trim();
        } else {
            candidate = null;
            for (String word : from.split("[\\s,;]+")) {
                if (word.indexOf('@') > 0) {
                    candidate = word;
                    break;
                }
            }
        }
        if (candidate == null) {
            return Optional.empty();
        }
        int at = candidate.lastIndexOf('@');
        if (at <= 0 || at == candidate.length() - 1) {
            return Optional.empty();
        }
        return Optional.of(candidate);
    }

    /** The lower-cased domain of the From address, if it has a plausible one (a dot, no spaces). */
    static Optional<String> domainOf(String from) {
        return address(from).map(a -> a.substring(a.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT))
            .map(d -> d.endsWith(".") ? d.substring(0, d.length() - 1) : d)
            .filter(d -> d.indexOf('.') > 0 && !d.endsWith(".") && d.chars().noneMatch(Character::isWhitespace));
    }

    /** The display name (phrase before '<', or a trailing comment), unquoted; empty if none. */
    static String displayName(String from) {
        if (from == null) {
            return "";
        }
        int lt = from.indexOf('<');
        String name;
        if (lt > 0) {
            name = from.substring(0, lt);
        } else {
            int open = from.indexOf('(');
            int close = from.lastIndexOf(')');
            name = open >= 0 && close > open ? from.substring(open + 1, close) : "";
        }
        return name.replace("\"", "").trim();
    }

    /** The last two labels of a domain ("mail.example.co" → "example.co"): good enough to compare. */
    static String lastTwoLabels(String domain) {
        int last = domain.lastIndexOf('.');
        if (last <= 0) {
            return domain;
        }
        int previous = domain.lastIndexOf('.', last - 1);
        return previous < 0 ? domain : domain.substring(previous + 1);
    }
}
