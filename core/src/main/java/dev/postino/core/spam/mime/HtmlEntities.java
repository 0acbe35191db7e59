package dev.postino.core.spam.mime;

import java.util.HashMap;
import java.util.Map;

/** Decodes HTML character references: numeric ones and the named ones mail commonly uses. */
final class HtmlEntities {
    private static final Map<String, String> NAMED = new HashMap<>();

    static {
        String[] pairs = {
            "amp", "&", "lt", "<", "gt", ">", "quot", "\"", "apos", "'", "nbsp", " ",
            "copy", "\u00a9", "reg", "\u00ae", "trade", "\u2122", "euro", "\u20ac", "pound", "\u00a3",
            "yen", "\u00a5", "cent", "\u00a2", "sect", "\u00a7", "deg", "\u00b0", "middot", "\u00b7",
            "bull", "\u2022", "hellip", "\u2026", "mdash", "\u2014", "ndash", "\u2013",
            "lsquo", "\u2018", "rsquo", "\u2019", "ldquo", "\u201c", "rdquo", "\u201d", "laquo", "\u00ab",
            "raquo", "\u00bb", "times", "\u00d7", "eacute", "\u00e9", "egrave", "\u00e8", "agrave", "\u00e0",
            "aacute", "\u00e1", "uuml", "\u00fc", "ouml", "\u00f6", "auml", "\u00e4", "szlig", "\u00df",
            "ccedil", "\u00e7", "ntilde", "\u00f1", "iacute", "\u00ed", "oacute", "\u00f3", "uacute", "\u00fa",
        };
        for (int i = 0; i < pairs.length; i += 2) {
            NAMED.put(pairs[i], pairs[i + 1]);
        }
    }

    private HtmlEntities() {
    }

    static String decode(String s) {
        if (s.indexOf('&') < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            if (s.charAt(i) == '&') {
                i = decodeAt(s, i, out);
            } else {
                out.append(s.charAt(i++));
            }
        }
        return out.toString();
    }

    /**
     * Appends the character referenced at {@code s[at]} (an '&') to {@code out} and returns the
     * index after it; an unknown or malformed reference is kept as the literal '&'.
     */
    static int decodeAt(String s, int at, StringBuilder out) {
        int semi = -1;
        int limit = Math.min(s.length(), at + 12);
        for (int j = at + 1; j < limit; j++) {
            char c = s.charAt(j);
            if (c == ';') {
                semi = j;
                break;
            }
            if (!Character.isLetterOrDigit(c) && c != '#') {
                break;
            }
        }
        if (semi < 0) {
            out.append('&');
            return at + 1;
        }
        String name = s.substring(at + 1, semi);
        if (name.startsWith("#")) {
            int cp = numeric(name.substring(1));
            if (cp > 0 && Character.isValidCodePoint(cp)) {
                out.appendCodePoint(cp);
                return semi + 1;
            }
        } else {
            String named = NAMED.get(name);
            if (named == null) {
                named = NAMED.get(name.toLowerCase(java.util.Locale.ROOT));
            }
            if (named != null) {
                out.append(named);
                return semi + 1;
            }
        }
        out.append('&');
        return at + 1;
    }

    private static int numeric(String digits) {
        try {
            if (digits.startsWith("x") || digits.startsWith("X")) {
                return digits.length() > 7 ? -1 : Integer.parseInt(digits.substring(1), 16);
            }
            return digits.length() > 7 ? -1 : Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
