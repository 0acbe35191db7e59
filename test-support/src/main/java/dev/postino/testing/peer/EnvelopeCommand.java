package dev.postino.testing.peer;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed {@code MAIL FROM:<path> params} or {@code RCPT TO:<path> params} (RFC 5321 §4.1.1.2-3,
 * parameters per RFC 5321 §4.1.2 {@code esmtp-param}).
 *
 * @param address    the path without brackets or source route; "" for {@code <>}
 * @param parameters keys upper-case; a keyword without {@code =} maps to ""
 */
record EnvelopeCommand(String address, Map<String, String> parameters) {

    /** Empty when the line is not {@code prefix} followed by a bracketed path. */
    static Optional<EnvelopeCommand> parse(String line, String prefix) {
        if (!line.regionMatches(true, 0, prefix, 0, prefix.length())) {
            return Optional.empty();
        }
        // Some clients put a space after the colon; RFC 5321 does not, but tolerating it costs nothing.
        String rest = line.substring(prefix.length()).stripLeading();
        int close = rest.indexOf('>');
        if (!rest.startsWith("<") || close < 0) {
            return Optional.empty();
        }
        String path = rest.substring(1, close);
        // RFC 5321 §4.1.2: an obsolete source route "@a,@b:user@c" is accepted and ignored.
        if (path.startsWith("@") && path.contains(":")) {
            path = path.substring(path.indexOf(':') + 1);
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String parameter : rest.substring(close + 1).trim().split(" +")) {
            if (parameter.isEmpty()) {
                continue;
            }
            int equals = parameter.indexOf('=');
            String key = (equals < 0 ? parameter : parameter.substring(0, equals)).toUpperCase(Locale.ROOT);
            parameters.put(key, equals < 0 ? "" : parameter.substring(equals + 1));
        }
        return Optional.of(new EnvelopeCommand(path, parameters));
    }
}
