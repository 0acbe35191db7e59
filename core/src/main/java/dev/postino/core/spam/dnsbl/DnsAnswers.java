package dev.postino.core.spam.dnsbl;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the blocklists answered: per name looked up, its A-record replies as dotted quads. A name
 * missing here is not listed (NXDOMAIN), or its lookup failed and the shell chose to go on
 * without it (fail-open).
 */
public final class DnsAnswers {
    private static final DnsAnswers NONE = new DnsAnswers(Map.of());

    private final Map<String, List<String>> replies;

    private DnsAnswers(Map<String, List<String>> replies) {
        this.replies = replies;
    }

    public static DnsAnswers none() {
        return NONE;
    }

    /** Names are compared without case and without a trailing dot. */
    public static DnsAnswers of(Map<String, List<String>> replies) {
        Map<String, List<String>> copy = new HashMap<>();
        replies.forEach((name, addresses) -> {
            if (!addresses.isEmpty()) {
                copy.put(normal(name), List.copyOf(addresses));
            }
        });
        return copy.isEmpty() ? NONE : new DnsAnswers(Collections.unmodifiableMap(copy));
    }

    public List<String> repliesFor(String name) {
        return replies.getOrDefault(normal(name), List.of());
    }

    public boolean isEmpty() {
        return replies.isEmpty();
    }

    private static String normal(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    }

    @Override
    public String toString() {
        return replies.toString();
    }
}
