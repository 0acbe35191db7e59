package dev.postino.core.spam.mime;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Parses RFC 5322 §3.3 dates, including the obsolete forms of §4.3 (two-digit years, named
 * zones, comments). Anything else is "no date": the caller decides what a bad date means.
 */
public final class MailDates {
    private static final String MONTHS = "janfebmaraprmayjunjulaugsepoctnovdec";
    // RFC 5322 §4.3: UT/GMT are +0000, US zones as listed; other letters count as -0000.
    private static final Map<String, Integer> ZONES = Map.of(
        "ut", 0, "gmt", 0, "z", 0, "utc", 0,
        "est", -5 * 60, "edt", -4 * 60, "cst", -6 * 60, "cdt", -5 * 60,
        "mst", -7 * 60, "mdt", -6 * 60);
    private static final Map<String, Integer> PACIFIC = Map.of("pst", -8 * 60, "pdt", -7 * 60);

    private MailDates() {
    }

    public static Optional<Instant> parse(String value) {
        return parse(value, false);
    }

    /**
     * Whether {@code value} is a date {@link #parse} reads that also names its zone, as RFC 5322
     * §3.3 requires ({@code +0200}, or an obsolete name such as {@code GMT}); {@link #parse} takes
     * a date without one as UTC.
     */
    public static boolean hasZone(String value) {
        return parse(value, true).isPresent();
    }

    private static Optional<Instant> parse(String value, boolean zoneRequired) {
        if (value == null) {
            return Optional.empty();
        }
        String[] words = withoutComments(value).replace(',', ' ').trim().toLowerCase(Locale.ROOT).split("\\s+");
        int i = 0;
        if (words.length > 0 && !words[0].isEmpty() && Character.isLetter(words[0].charAt(0))) {
            i++; // day-of-week
        }
        if (words.length - i < 4) {
            return Optional.empty();
        }
        try {
            int day = Integer.parseInt(words[i]);
            int month = month(words[i + 1]);
            int year = year(words[i + 2]);
            String[] time = words[i + 3].split(":");
            if (month < 0 || year < 0 || time.length < 2 || time.length > 3) {
                return Optional.empty();
            }
            int hour = Integer.parseInt(time[0]);
            int minute = Integer.parseInt(time[1]);
            int second = time.length == 3 ? Integer.parseInt(time[2]) : 0;
            boolean zoned = words.length > i + 4;
            Integer offset = zoned ? zoneMinutes(words[i + 4]) : Integer.valueOf(0);
            if (offset == null || zoneRequired && !zoned) {
                return Optional.empty();
            }
            LocalDateTime local = LocalDateTime.of(year, month, day, hour, minute, Math.min(second, 59));
            return Optional.of(local.toInstant(ZoneOffset.UTC).minusSeconds(offset * 60L));
        } catch (NumberFormatException | DateTimeException e) {
            return Optional.empty();
        }
    }

    private static String withoutComments(String value) {
        if (value.indexOf('(') < 0) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length());
        int depth = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')' && depth > 0) {
                depth--;
            } else if (depth == 0) {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static int month(String word) {
        if (word.length() < 3) {
            return -1;
        }
        int at = MONTHS.indexOf(word.substring(0, 3));
        return at < 0 || at % 3 != 0 ? -1 : at / 3 + 1;
    }

    /** RFC 5322 §4.3: two digits below 50 are 20xx, others 19xx; three digits add 1900. */
    private static int year(String word) {
        int y = Integer.parseInt(word);
        if (word.length() == 2) {
            return y < 50 ? 2000 + y : 1900 + y;
        }
        if (word.length() == 3) {
            return 1900 + y;
        }
        return word.length() == 4 ? y : -1;
    }

    private static Integer zoneMinutes(String zone) {
        if ((zone.startsWith("+") || zone.startsWith("-")) && zone.length() == 5) {
            int hh = Integer.parseInt(zone.substring(1, 3));
            int mm = Integer.parseInt(zone.substring(3, 5));
            if (hh > 23 || mm > 59) {
                return null;
            }
            int minutes = hh * 60 + mm;
            return zone.charAt(0) == '-' ? -minutes : minutes;
        }
        Integer named = ZONES.get(zone);
        if (named == null) {
            named = PACIFIC.get(zone);
        }
        if (named == null && zone.length() <= 5 && zone.chars().allMatch(Character::isLetter)) {
            named = 0; // RFC 5322 §4.3: other alphabetic zones "SHOULD be considered equivalent to -0000"
        }
        return named;
    }
}
