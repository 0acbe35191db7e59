package dev.postino.core.sieve;

/** RFC 5228 §2.7.1 {@code :matches}: {@code *} any run, {@code ?} one character, {@code \} escapes the next. */
final class SieveWildcard {
    private SieveWildcard() {
    }

    static boolean matches(String pattern, String value) {
        return matchFrom(pattern, 0, value, 0);
    }

    private static boolean matchFrom(String pattern, int p, String value, int v) {
        while (p < pattern.length()) {
            char c = pattern.charAt(p);
            if (c == '*') {
                for (int rest = v; rest <= value.length(); rest++) {
                    if (matchFrom(pattern, p + 1, value, rest)) {
                        return true;
                    }
                }
                return false;
            }
            if (v >= value.length()) {
                return false;
            }
            if (c == '\\' && p + 1 < pattern.length()) {
                p++;
                c = pattern.charAt(p);
            } else if (c == '?') {
                p++;
                v++;
                continue;
            }
            if (c != value.charAt(v)) {
                return false;
            }
            p++;
            v++;
        }
        return v == value.length();
    }
}
