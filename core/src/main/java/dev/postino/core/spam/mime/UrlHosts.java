package dev.postino.core.spam.mime;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Extracts hosts from URLs and finds URLs in plain text. Syntax only: no DNS, no I/O. */
public final class UrlHosts {
    private static final int MAX_URLS = 200;

    private UrlHosts() {
    }

    /**
     * The lower-cased host of an {@code http}, {@code https} or {@code ftp} URL, or of a bare
     * {@code www.} address. RFC 3986 §3.2: anything before '@' is user information, so
     * {@code http://bank.example@192.0.2.7/} goes to 192.0.2.7.
     */
    public static Optional<String> hostOf(String url) {
        String u = url.trim();
        String lower = u.toLowerCase(Locale.ROOT);
        int start;
        if (lower.startsWith("http://")) {
            start = 7;
        } else if (lower.startsWith("https://")) {
            start = 8;
        } else if (lower.startsWith("ftp://")) {
            start = 6;
        } else if (lower.startsWith("www.")) {
            start = 0;
        } else {
            return Optional.empty();
        }
        int end = start;
        while (end < lower.length() && "/?#\\ \t\r\n\"'<>".indexOf(lower.charAt(end)) < 0) {
            end++;
        }
        String authority = lower.substring(start, end);
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            authority = authority.substring(at + 1);
        }
        int colon = authority.startsWith("[") ? authority.indexOf(']') + 1 : authority.indexOf(':');
        if (colon > 0) {
            authority = authority.substring(0, colon);
        }
        while (authority.endsWith(".")) {
            authority = authority.substring(0, authority.length() - 1);
        }
        return isPlausibleHost(authority) ? Optional.of(authority) : Optional.empty();
    }

    /** The host a piece of visible link text shows, when the text is itself an address. */
    public static Optional<String> hostShownIn(String text) {
        String t = text.trim();
        if (t.isEmpty() || t.indexOf(' ') >= 0) {
            return Optional.empty();
        }
        Optional<String> host = hostOf(t);
        if (host.isPresent()) {
            return host;
        }
        // Bare "paypal.com/login": a dotted name with a known-looking TLD.
        String lower = t.toLowerCase(Locale.ROOT);
        int slash = lower.indexOf('/');
        String candidate = slash < 0 ? lower : lower.substring(0, slash);
        int dot = candidate.lastIndexOf('.');
        if (dot > 0 && dot < candidate.length() - 2 && candidate.indexOf('@') < 0
            && isPlausibleHost(candidate) && Character.isLetter(candidate.charAt(candidate.length() - 1))) {
            return Optional.of(candidate);
        }
        return Optional.empty();
    }

    /** True for dotted-quad IPv4 literals and bracketed IPv6 literals. */
    public static boolean isIpLiteral(String host) {
        if (host.startsWith("[")) {
            return true;
        }
        String[] parts = host.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3) {
                return false;
            }
            for (int i = 0; i < part.length(); i++) {
                if (!Character.isDigit(part.charAt(i))) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Every http(s), ftp or www. address written in plain text, capped at 200. */
    public static List<String> findUrls(String text) {
        List<String> urls = new ArrayList<>();
        String lower = text.toLowerCase(Locale.ROOT);
        int pos = 0;
        while (urls.size() < MAX_URLS) {
            int http = lower.indexOf("http", pos);
            int www = lower.indexOf("www.", pos);
            int start = http < 0 ? www : (www < 0 ? http : Math.min(http, www));
            if (start < 0) {
                break;
            }
            if (start == http && !lower.startsWith("://", start + 4) && !lower.startsWith("s://", start + 4)) {
                pos = start + 4;
                continue;
            }
            int end = start;
            while (end < text.length() && !Character.isWhitespace(text.charAt(end))
                && "\"'<>()[]{}".indexOf(text.charAt(end)) < 0) {
                end++;
            }
            urls.add(text.substring(start, end));
            pos = end;
        }
        return urls;
    }

    private static boolean isPlausibleHost(String host) {
        if (host.isEmpty() || host.length() > 253) {
            return false;
        }
        if (host.startsWith("[")) {
            return host.endsWith("]");
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '-' || c == '.' || c == '_')) {
                return false;
            }
        }
        return host.indexOf('.') > 0;
    }
}
