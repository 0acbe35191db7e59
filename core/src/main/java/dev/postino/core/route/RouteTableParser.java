package dev.postino.core.route;

import dev.postino.core.smtp.EnhancedStatus;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Reads the rows of a {@link RouteTable}; the syntax is documented there. */
final class RouteTableParser {
    private static final String SMTP_PREFIX = "smtp:";
    private static final String ERROR_PREFIX = "error:";

    private RouteTableParser() {
    }

    static Map<String, RouteTable.Entry> parse(List<String> lines) {
        Map<String, RouteTable.Entry> entries = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            int row = i + 1;
            String line = lines.get(i).trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] tokens = line.split("\\s+");
            if (tokens.length < 2) {
                throw error(row, "expected '<domain> <route>', got '" + line + "'");
            }
            String key = parseKey(row, tokens[0]);
            RouteTable.Entry previous = entries.get(key);
            if (previous != null) {
                throw error(row, "duplicate key '" + tokens[0] + "' (first on row " + previous.row + ")");
            }
            entries.put(key, new RouteTable.Entry(row, parseAction(row, tokens)));
        }
        return entries;
    }

    static IllegalArgumentException error(int row, String message) {
        return new IllegalArgumentException("route table row " + row + ": " + message);
    }

    private static String parseKey(int row, String token) {
        try {
            return RouteTable.normalizeKey(token);
        } catch (IllegalArgumentException e) {
            throw error(row, e.getMessage());
        }
    }

    /** The row's route; null means "the recipient domain's MX" (action {@code mx}). */
    private static Route parseAction(int row, String[] tokens) {
        String action = tokens[1];
        String lower = action.toLowerCase(Locale.ROOT);
        if (lower.startsWith(ERROR_PREFIX)) {
            return parseRefusal(row, tokens);
        }
        if (lower.equals("local") || lower.equals("mx")) {
            if (tokens.length > 2) {
                throw error(row, "option '" + tokens[2] + "' not allowed after '" + action + "'");
            }
            return lower.equals("local") ? Route.local() : null;
        }
        return parseRelay(row, action, Arrays.copyOfRange(tokens, 2, tokens.length));
    }

    private static Route parseRefusal(int row, String[] tokens) {
        String action = tokens[1];
        String code = action.substring(ERROR_PREFIX.length());
        Optional<EnhancedStatus> status = EnhancedStatus.tryParse(code);
        if (!status.isPresent()) {
            throw error(row, "bad status '" + code + "' in '" + action + "', expected X.Y.Z");
        }
        if (status.get().isSuccess()) {
            throw error(row, "bad status '" + code + "' in '" + action + "', a refusal is 4.x.x or 5.x.x");
        }
        if (tokens.length < 3) {
            throw error(row, "'" + action + "' needs a text for the sender after the status");
        }
        return Route.refuse(status.get(), String.join(" ", Arrays.copyOfRange(tokens, 2, tokens.length)));
    }

    private static Route parseRelay(int row, String action, String[] options) {
        String spec = action.toLowerCase(Locale.ROOT).startsWith(SMTP_PREFIX)
            ? action.substring(SMTP_PREFIX.length()) : action;
        rejectOtherTransport(row, action, spec);
        boolean lookupMx = !spec.startsWith("[");
        String host;
        String portText;
        if (lookupMx) {
            if (IpLiteral.isIpv6(spec)) {
                throw error(row, "IPv6 address '" + spec + "' must be written in brackets: '[" + spec + "]'");
            }
            int colon = spec.lastIndexOf(':');
            host = colon < 0 ? spec : spec.substring(0, colon);
            portText = colon < 0 ? null : spec.substring(colon + 1);
        } else {
            int close = spec.indexOf(']');
            if (close < 0) {
                throw error(row, "missing ']' in '" + action + "'");
            }
            host = spec.substring(1, close);
            String rest = spec.substring(close + 1);
            if (!rest.isEmpty() && !rest.startsWith(":")) {
                throw error(row, "unexpected '" + rest + "' after ']' in '" + action + "'");
            }
            portText = rest.isEmpty() ? null : rest.substring(1);
        }
        checkHost(row, action, host, lookupMx);
        int port = portText == null ? Route.SMTP_PORT : parsePort(row, action, portText);
        return RelayOptions.parse(row, options).toRoute(host, port, lookupMx);
    }

    // "lmtp:[x]" or "relay:foo" is another transport, not a host with a port.
    private static void rejectOtherTransport(int row, String action, String spec) {
        int colon = spec.indexOf(':');
        if (spec.startsWith("[") || colon <= 0 || IpLiteral.isIpv6(spec)) {
            return;
        }
        String before = spec.substring(0, colon);
        if (!before.contains(".") && !spec.substring(colon + 1).matches("\\d+")) {
            throw error(row, "unknown transport '" + before + ":' in '" + action + "' (only smtp: and error:)");
        }
    }

    private static void checkHost(int row, String action, String host, boolean lookupMx) {
        if (host.isEmpty()) {
            throw error(row, "missing host in '" + action + "'");
        }
        if (IpLiteral.isIp(host)) {
            if (lookupMx) {
                // An IP address has no MX records; Postfix would look "10.0.0.5" up as a name.
                throw error(row, "IP address '" + host + "' must be written in brackets: '[" + host + "]'");
            }
            return;
        }
        if (!DomainName.isValid(DomainName.normalize(host))) {
            throw error(row, "bad host '" + host + "' in '" + action + "'");
        }
    }

    private static int parsePort(int row, String action, String text) {
        int port = text.matches("\\d{1,5}") ? Integer.parseInt(text) : 0;
        if (port < 1 || port > 65535) {
            throw error(row, "bad port '" + text + "' in '" + action + "', expected 1..65535");
        }
        return port;
    }
}
