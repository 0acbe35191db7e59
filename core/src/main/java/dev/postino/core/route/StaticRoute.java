package dev.postino.core.route;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import dev.postino.core.BadField;

/**
 * A relay route as an administrator writes it field by field (webadmin): the next host, its port,
 * what to demand of STARTTLS, whether the host's own MX records are looked up first, and whom to
 * log in as. The same rules as a {@link RouteTable} relay row, checked one field at a time so that
 * a bad request can name its field ({@link BadField#field()}).
 *
 * <p>As in the table, a login means {@link TlsPolicy#REQUIRED}: a password never crosses the
 * network in clear.
 */
public final class StaticRoute {
    public static final String HOST = "host";
    public static final String PORT = "port";
    public static final String TLS = "tls";
    public static final String LOOKUP_MX = "lookupMx";
    public static final String USERNAME = "auth.username";

    private final String host;
    private final int port;
    private final TlsPolicy tls;
    private final boolean lookupMx;
    private final String username;

    private StaticRoute(String host, int port, TlsPolicy tls, boolean lookupMx, String username) {
        this.host = host;
        this.port = port;
        this.tls = tls;
        this.lookupMx = lookupMx;
        this.username = username;
    }

    /**
     * @param host     a host name or an IP address, without brackets
     * @param port     1 to 65535
     * @param tls      {@code opportunistic}, {@code required} or {@code none} (any case); null: required
     *                 with a login, else opportunistic
     * @param lookupMx true: deliver to the MX hosts of {@code host} (Postfix {@code relay.test});
     *                 false: connect to {@code host} itself ({@code [relay.test]})
     * @param username whom to log in as (one word), or null for no login
     * @throws BadField naming the first field that breaks a rule
     */
    public static StaticRoute of(String host, int port, String tls, boolean lookupMx, String username) {
        String name = host(host, lookupMx);
        if (port < 1 || port > 65535) {
            throw new BadField(PORT, "must be 1..65535, got " + port);
        }
        TlsPolicy policy = tls == null ? null : tls(tls);
        if (username != null) {
            if (username.isEmpty() || !username.equals(username.trim()) || username.contains(" ")) {
                throw new BadField(USERNAME, "must be one non-empty word, got '" + username + "'");
            }
            if (policy == null) {
                policy = TlsPolicy.REQUIRED;
            } else if (policy != TlsPolicy.REQUIRED) {
                throw new BadField(TLS, "must be required with auth (a password never crosses the network in clear),"
                    + " got '" + tls + "'");
            }
        }
        return new StaticRoute(name, port, policy == null ? TlsPolicy.OPPORTUNISTIC : policy, lookupMx, username);
    }

    private static String host(String host, boolean lookupMx) {
        if (host == null || host.trim().isEmpty()) {
            throw new BadField(HOST, "is required: a host name or an IP address");
        }
        if (host.startsWith("[")) {
            throw new BadField(HOST, "write '" + host + "' without brackets (" + LOOKUP_MX
                + "=false connects to the host itself)");
        }
        String name = DomainName.normalize(host);
        if (IpLiteral.isIp(name)) {
            if (lookupMx) {
                throw new BadField(LOOKUP_MX, "must be false for the IP address " + host + ", which has no MX records");
            }
            return name;
        }
        if (!DomainName.isValid(name)) {
            throw new BadField(HOST, "'" + host + "' is neither a host name nor an IP address");
        }
        return name;
    }

    private static TlsPolicy tls(String text) {
        for (TlsPolicy policy : TlsPolicy.values()) {
            if (policy.name().equalsIgnoreCase(text)) {
                return policy;
            }
        }
        throw new BadField(TLS, "must be opportunistic, required or none, got '" + text + "'");
    }

    /** The route the delivery engine follows; {@code passwordRef} names the password in the secret store. */
    public Route toRoute(String passwordRef) {
        RelayAuth auth = username == null ? null : RelayAuth.of(username, passwordRef);
        return Route.relay(host, port, lookupMx, tls, auth);
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public TlsPolicy tls() {
        return tls;
    }

    /** The TLS policy as written in routes: {@code opportunistic}, {@code required}, {@code none}. */
    public String tlsName() {
        return tls.name().toLowerCase(Locale.ROOT);
    }

    public boolean lookupMx() {
        return lookupMx;
    }

    public Optional<String> username() {
        return Optional.ofNullable(username);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof StaticRoute)) {
            return false;
        }
        StaticRoute that = (StaticRoute) o;
        return port == that.port && lookupMx == that.lookupMx && host.equals(that.host) && tls == that.tls
            && Objects.equals(username, that.username);
    }

    @Override
    public int hashCode() {
        return Objects.hash(host, port, tls, lookupMx, username);
    }

    @Override
    public String toString() {
        return "StaticRoute{" + (lookupMx ? host : "[" + host + "]") + ":" + port + " tls=" + tlsName()
            + (username == null ? "" : " auth=" + username) + "}";
    }
}
