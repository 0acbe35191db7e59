package dev.postino.core.spam.mime;

import java.util.Collections;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed {@code Content-Type} (RFC 2045 §5.1): the lower-cased media type and its parameters.
 * Anything unparsable becomes the default, as RFC 2045 §5.2 says a reader should do.
 */
public final class ContentType {
    public static final ContentType TEXT_PLAIN = new ContentType("text/plain", Map.of());

    private final String mediaType;
    private final Map<String, String> parameters;

    private ContentType(String mediaType, Map<String, String> parameters) {
        this.mediaType = mediaType;
        this.parameters = parameters;
    }

    /** Parses a header value; {@code null}, blank or malformed gives {@code fallback}. */
    public static ContentType parse(String value, ContentType fallback) {
        if (value == null) {
            return fallback;
        }
        String[] pieces = splitOutsideQuotes(value);
        String type = pieces[0].trim().toLowerCase(Locale.ROOT);
        int slash = type.indexOf('/');
        if (slash <= 0 || slash == type.length() - 1 || type.indexOf(' ') >= 0) {
            return fallback;
        }
        Map<String, String> params = new HashMap<>();
        for (int i = 1; i < pieces.length; i++) {
            int eq = pieces[i].indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String key = pieces[i].substring(0, eq).trim().toLowerCase(Locale.ROOT);
            String raw = pieces[i].substring(eq + 1).trim();
            params.putIfAbsent(key, unquote(raw));
        }
        return new ContentType(type, Collections.unmodifiableMap(params));
    }

    public static ContentType parse(String value) {
        return parse(value, TEXT_PLAIN);
    }

    private static String[] splitOutsideQuotes(String value) {
        java.util.List<String> out = new java.util.ArrayList<>();
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ';' && !quoted) {
                out.add(value.substring(start, i));
                start = i + 1;
            }
        }
        out.add(value.substring(start));
        return out.toArray(new String[0]);
    }

    private static String unquote(String raw) {
        if (raw.length() >= 2 && raw.charAt(0) == '"') {
            int close = raw.indexOf('"', 1);
            return close < 0 ? raw.substring(1) : raw.substring(1, close);
        }
        int space = raw.indexOf(' ');
        return space < 0 ? raw : raw.substring(0, space);
    }

    /** For example {@code text/html}, always lower case. */
    public String mediaType() {
        return mediaType;
    }

    public String primaryType() {
        return mediaType.substring(0, mediaType.indexOf('/'));
    }

    public Optional<String> parameter(String name) {
        return Optional.ofNullable(parameters.get(name.toLowerCase(Locale.ROOT)));
    }

    public boolean isMultipart() {
        return mediaType.startsWith("multipart/");
    }

    public boolean isText() {
        return mediaType.startsWith("text/");
    }

    public boolean isHtml() {
        return mediaType.equals("text/html");
    }

    @Override
    public String toString() {
        return mediaType + parameters;
    }
}
