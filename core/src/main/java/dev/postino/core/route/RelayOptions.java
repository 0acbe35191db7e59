package dev.postino.core.route;

import java.util.Locale;

/** The {@code name=value} options after a relay action in a {@link RouteTable} row. */
final class RelayOptions {
    private String tlsToken;
    private TlsPolicy tls;
    private String username;
    private String secret;

    private RelayOptions() {
    }

    static RelayOptions parse(int row, String[] tokens) {
        RelayOptions options = new RelayOptions();
        for (String token : tokens) {
            options.add(row, token);
        }
        options.check(row);
        return options;
    }

    private void add(int row, String token) {
        int eq = token.indexOf('=');
        if (eq < 0) {
            throw RouteTableParser.error(row, "bad option '" + token + "', expected name=value");
        }
        String name = token.substring(0, eq).toLowerCase(Locale.ROOT);
        String value = token.substring(eq + 1);
        if (value.isEmpty()) {
            throw RouteTableParser.error(row, "empty value in option '" + token + "'");
        }
        switch (name) {
            case "tls":
                checkOnce(row, token, tlsToken);
                tlsToken = token;
                tls = parseTls(row, token, value);
                break;
            case "auth":
                checkOnce(row, token, username);
                username = value;
                break;
            case "secret":
                checkOnce(row, token, secret);
                secret = value;
                break;
            default:
                throw RouteTableParser.error(row, "unknown option '" + token + "' (known: tls=, auth=, secret=)");
        }
    }

    private static void checkOnce(int row, String token, String earlier) {
        if (earlier != null) {
            throw RouteTableParser.error(row, "duplicate option '" + token + "'");
        }
    }

    private static TlsPolicy parseTls(int row, String token, String value) {
        for (TlsPolicy policy : TlsPolicy.values()) {
            if (policy.name().equalsIgnoreCase(value)) {
                return policy;
            }
        }
        throw RouteTableParser.error(row, "bad tls value '" + value + "' in '" + token
            + "', expected opportunistic, required or none");
    }

    private void check(int row) {
        if (secret != null && username == null) {
            throw RouteTableParser.error(row, "option 'secret=" + secret + "' needs auth=");
        }
        if (username == null) {
            return;
        }
        // Deliberate: credentials only ever travel inside TLS, so auth= implies tls=required.
        if (tls == null) {
            tls = TlsPolicy.REQUIRED;
        } else if (tls != TlsPolicy.REQUIRED) {
            throw RouteTableParser.error(row, "option '" + tlsToken + "' not allowed with auth=, which needs tls=required");
        }
    }

    Route toRoute(String host, int port, boolean lookupMx) {
        RelayAuth auth = username == null ? null : RelayAuth.of(username, secret == null ? username : secret);
        return Route.relay(host, port, lookupMx, tls == null ? TlsPolicy.OPPORTUNISTIC : tls, auth);
    }
}
