package dev.postino.core.spam.dnsbl;

import java.util.ArrayList;
import java.util.List;

/**
 * Which A-record replies of a blocklist count, Postfix {@code postscreen_dnsbl_sites} style:
 * four dot-separated octet patterns, each a number or a bracketed list of numbers and
 * {@code n..m} ranges separated by {@code ;} ({@code 127.0.0.[2..11]}, {@code 127.0.[2..15].[0;1]}).
 * No filter ({@link #ANY}) accepts every reply.
 */
final class ReplyFilter {
    static final ReplyFilter ANY = new ReplyFilter("", null);

    private final String text;
    /** Per octet, pairs of inclusive bounds; null for {@link #ANY}. */
    private final int[][] octets;

    private ReplyFilter(String text, int[][] octets) {
        this.text = text;
        this.octets = octets;
    }

    static ReplyFilter parse(String text) {
        List<String> parts = splitOctets(text);
        if (parts.size() != 4) {
            throw new IllegalArgumentException("reply filter '" + text + "' needs four octet patterns");
        }
        int[][] octets = new int[4][];
        for (int i = 0; i < 4; i++) {
            octets[i] = octetPattern(parts.get(i), text);
        }
        return new ReplyFilter(text, octets);
    }

    /** Splits at dots outside brackets: "127.0.0.[2..11]" → 127, 0, 0, [2..11]. */
    private static List<String> splitOctets(String text) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '[') {
                depth++;
            } else if (c == ']') {
                depth--;
            } else if (c == '.' && depth == 0) {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(text.substring(start));
        return parts;
    }

    private static int[] octetPattern(String pattern, String filter) {
        if (!pattern.startsWith("[")) {
            int n = octet(pattern, filter);
            return new int[] {n, n};
        }
        if (!pattern.endsWith("]") || pattern.length() < 3) {
            throw new IllegalArgumentException("reply filter '" + filter + "': bad octet pattern '" + pattern + "'");
        }
        String[] items = pattern.substring(1, pattern.length() - 1).split(";", -1);
        int[] bounds = new int[items.length * 2];
        for (int i = 0; i < items.length; i++) {
            int dots = items[i].indexOf("..");
            int low = octet(dots < 0 ? items[i] : items[i].substring(0, dots), filter);
            int high = dots < 0 ? low : octet(items[i].substring(dots + 2), filter);
            if (high < low) {
                throw new IllegalArgumentException("reply filter '" + filter + "': empty range '" + items[i] + "'");
            }
            bounds[2 * i] = low;
            bounds[2 * i + 1] = high;
        }
        return bounds;
    }

    private static int octet(String s, String filter) {
        if (s.isEmpty() || s.length() > 3 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("reply filter '" + filter + "': '" + s + "' is not a number 0..255");
        }
        int n = Integer.parseInt(s);
        if (n > 255) {
            throw new IllegalArgumentException("reply filter '" + filter + "': '" + s + "' is not a number 0..255");
        }
        return n;
    }

    /** True when the IPv4 reply (dotted quad) matches; anything else never does. */
    boolean matches(String reply) {
        if (octets == null) {
            return true;
        }
        String[] parts = reply.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (int i = 0; i < 4; i++) {
            int value;
            try {
                value = Integer.parseInt(parts[i]);
            } catch (NumberFormatException e) {
                return false;
            }
            if (!inAny(octets[i], value)) {
                return false;
            }
        }
        return true;
    }

    private static boolean inAny(int[] bounds, int value) {
        for (int i = 0; i < bounds.length; i += 2) {
            if (value >= bounds[i] && value <= bounds[i + 1]) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return text;
    }
}
