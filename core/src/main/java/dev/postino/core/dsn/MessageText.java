package dev.postino.core.dsn;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Small RFC 5322 text rules the DSN needs: dates, folding, CRLF, word wrap, sizes. */
final class MessageText {
    static final String CRLF = "\r\n";
    // RFC 5322 §3.3 date-time with a numeric zone; RFC_1123_DATE_TIME would write "GMT" instead.
    private static final DateTimeFormatter DATE =
        DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.US);
    // RFC 5322 §2.1.1: lines SHOULD be at most 78 characters.
    private static final int FOLD_AT = 78;

    private MessageText() {
    }

    static String date(Instant instant, ZoneId zone) {
        return DATE.format(instant.atZone(zone));
    }

    /**
     * {@code Name: value} ending in CRLF, folded (RFC 5322 §2.2.3: CRLF inserted before a space,
     * so unfolding gives the value back unchanged) wherever a line would pass 78 characters. A
     * word longer than a line stays whole.
     */
    static String header(String name, String value) {
        String line = name + ": " + value;
        StringBuilder out = new StringBuilder();
        int start = 0;
        int minBreak = name.length() + 2;
        while (line.length() - start > FOLD_AT) {
            int from = start + Math.max(minBreak, 1);
            int cut = lastFoldPoint(line, from, start + FOLD_AT);
            if (cut < 0) {
                cut = firstFoldPoint(line, from);
            }
            if (cut < 0) {
                break;
            }
            out.append(line, start, cut).append(CRLF);
            start = cut;
            minBreak = 1;
        }
        return out.append(line.substring(start)).append(CRLF).toString();
    }

    /**
     * A space that follows a non-space and precedes one: folding there leaves something visible on
     * both sides, never a line of whitespace only (RFC 5322 §3.2.2), whatever runs of spaces the
     * value holds (a remote reply padded with blanks).
     */
    private static boolean isFoldPoint(String line, int i) {
        return line.charAt(i) == ' ' && line.charAt(i - 1) != ' ';
    }

    /** Where the last non-space is: no fold point lies at or after it. */
    private static int lastVisible(String line) {
        int i = line.length() - 1;
        while (i > 0 && line.charAt(i) == ' ') {
            i--;
        }
        return i;
    }

    /** The last fold point in {@code [from, to]}, or -1. */
    private static int lastFoldPoint(String line, int from, int to) {
        for (int i = Math.min(to, lastVisible(line) - 1); i >= from; i--) {
            if (isFoldPoint(line, i)) {
                return i;
            }
        }
        return -1;
    }

    /** The first fold point at or after {@code from}, or -1. */
    private static int firstFoldPoint(String line, int from) {
        for (int i = from, end = lastVisible(line); i < end; i++) {
            if (isFoldPoint(line, i)) {
                return i;
            }
        }
        return -1;
    }

    /** Every line ending (CRLF, LF or CR) as CRLF, and a final CRLF. */
    static String crlf(String text) {
        String t = text.replace("\r\n", "\n").replace('\r', '\n').replace("\n", CRLF);
        return t.endsWith(CRLF) ? t : t + CRLF;
    }

    /**
     * Greedy word wrap of one paragraph to {@code width} columns, the first line after
     * {@code first}, the others after {@code rest}; every line ends in CRLF.
     */
    static String wrap(String paragraph, int width, String first, String rest) {
        StringBuilder out = new StringBuilder(first);
        int lineLength = first.length();
        boolean lineEmpty = true;
        for (String word : paragraph.trim().split(" +")) {
            if (!lineEmpty && lineLength + 1 + word.length() > width) {
                out.append(CRLF).append(rest);
                lineLength = rest.length();
                lineEmpty = true;
            }
            if (!lineEmpty) {
                out.append(' ');
                lineLength++;
            }
            out.append(word);
            lineLength += word.length();
            lineEmpty = false;
        }
        return out.append(CRLF).toString();
    }

    static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) > 0x7f) {
                return false;
            }
        }
        return true;
    }

    static long utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    /** Decimal units, as mail clients show sizes: {@code 512 bytes}, {@code 48.2 kB}, {@code 1.5 MB}. */
    static String humanSize(long bytes) {
        if (bytes < 1000) {
            return bytes + (bytes == 1 ? " byte" : " bytes");
        }
        String[] units = {"kB", "MB", "GB", "TB"};
        double value = bytes;
        int unit = -1;
        while (value >= 999.95 && unit < units.length - 1) {
            value /= 1000;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    /** Rejects CR, LF and other controls in a value bound for a header. */
    static String checkLine(String what, String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw new IllegalArgumentException(what + " must be one line without control characters: '"
                    + value.replace("\r", "\\r").replace("\n", "\\n") + "'");
            }
        }
        return value;
    }
}
