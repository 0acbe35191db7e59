package dev.postino.core.route;

import dev.postino.core.smtp.EnhancedStatus;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Where mail for one domain goes: the answer of {@link RouteTable#resolve}, like the
 * (transport, nexthop) pair Postfix's trivial-rewrite returns. A route decides; it does no DNS.
 *
 * <ul>
 *   <li>{@link Kind#LOCAL}: deliver into our own mailboxes.</li>
 *   <li>{@link Kind#MX}: look up the MX records of {@link #domain()} (RFC 5321 §5.1).</li>
 *   <li>{@link Kind#RELAY}: hand the mail to {@link #host()}:{@link #port()}; when
 *       {@link #lookupMx()} the host's own MX records are looked up first (Postfix
 *       {@code relay.test}), otherwise the host is connected to directly (Postfix
 *       {@code [relay.test]}).</li>
 *   <li>{@link Kind#REFUSE}: do not deliver; fail with {@link #status()} and {@link #text()}.</li>
 * </ul>
 *
 * <p>Accessors belong to one kind each and throw {@link IllegalStateException} on a route of
 * another kind, so a caller that forgot to switch on {@link #kind()} fails loudly.
 */
public final class Route {
    /** The four things a route can say. */
    public enum Kind { LOCAL, MX, RELAY, REFUSE }

    /** RFC 5321 §4.5.4.2 / IANA: SMTP relay between MTAs listens on 25. */
    public static final int SMTP_PORT = 25;

    private static final Route LOCAL = new Route(Kind.LOCAL, null, null, 0, false, null, null, null, null);

    private final Kind kind;
    private final String domain;
    private final String host;
    private final int port;
    private final boolean lookupMx;
    private final TlsPolicy tls;
    private final RelayAuth auth;
    private final EnhancedStatus status;
    private final String text;

    private Route(Kind kind, String domain, String host, int port, boolean lookupMx, TlsPolicy tls,
                  RelayAuth auth, EnhancedStatus status, String text) {
        this.kind = kind;
        this.domain = domain;
        this.host = host;
        this.port = port;
        this.lookupMx = lookupMx;
        this.tls = tls;
        this.auth = auth;
        this.status = status;
        this.text = text;
    }

    public static Route local() {
        return LOCAL;
    }

    /** Deliver by the MX records of {@code domain} (compared case-insensitively, trailing dot dropped). */
    public static Route mx(String domain) {
        return new Route(Kind.MX, DomainName.normalize(domain), null, 0, false, null, null, null, null);
    }

    /** A relay without AUTH. */
    public static Route relay(String host, int port, boolean lookupMx, TlsPolicy tls) {
        return relay(host, port, lookupMx, tls, null);
    }

    /**
     * A relay. {@code host} is a host name or an IP address (without brackets; an IP address
     * cannot have MX records, so it requires {@code lookupMx == false}). {@code auth} may be null.
     */
    public static Route relay(String host, int port, boolean lookupMx, TlsPolicy tls, RelayAuth auth) {
        String name = DomainName.normalize(host);
        boolean ip = IpLiteral.isIp(name);
        if (!ip && !DomainName.isValid(name)) {
            throw new IllegalArgumentException("relay host is neither a host name nor an IP address: '" + host + "'");
        }
        if (ip && lookupMx) {
            throw new IllegalArgumentException("relay host " + host + " is an IP address and has no MX records");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("relay port must be 1..65535, got " + port);
        }
        return new Route(Kind.RELAY, null, name, port, lookupMx, Objects.requireNonNull(tls, "tls"), auth, null, null);
    }

    /**
     * Refuse delivery. A 5.x.x status bounces the mail; a 4.x.x status keeps it queued (useful
     * while a destination is being migrated). A 2.x.x status is not a refusal and is rejected.
     */
    public static Route refuse(EnhancedStatus status, String text) {
        if (status.isSuccess()) {
            throw new IllegalArgumentException("a refusal needs a 4.x.x or 5.x.x status, got " + status);
        }
        if (text == null || text.trim().isEmpty()) {
            throw new IllegalArgumentException("a refusal needs a text for the sender");
        }
        return new Route(Kind.REFUSE, null, null, 0, false, null, null, status, text.trim());
    }

    public Kind kind() {
        return kind;
    }

    /** MX: the domain whose MX records to look up. */
    public String domain() {
        check(Kind.MX);
        return domain;
    }

    /** RELAY: the next host's name or IP address (no brackets). */
    public String host() {
        check(Kind.RELAY);
        return host;
    }

    /** RELAY: the port to connect to. */
    public int port() {
        check(Kind.RELAY);
        return port;
    }

    /** RELAY: true when {@link #host()} names a domain whose MX records are looked up first. */
    public boolean lookupMx() {
        check(Kind.RELAY);
        return lookupMx;
    }

    /** RELAY: what to demand of STARTTLS. */
    public TlsPolicy tlsPolicy() {
        check(Kind.RELAY);
        return tls;
    }

    /** RELAY: whom to log in as, if anyone. */
    public Optional<RelayAuth> auth() {
        check(Kind.RELAY);
        return Optional.ofNullable(auth);
    }

    /** REFUSE: the status every recipient fails with. */
    public EnhancedStatus status() {
        check(Kind.REFUSE);
        return status;
    }

    /** REFUSE: the text for the sender. */
    public String text() {
        check(Kind.REFUSE);
        return text;
    }

    private void check(Kind wanted) {
        if (kind != wanted) {
            throw new IllegalStateException("route is " + kind + ", not " + wanted + ": " + this);
        }
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Route)) {
            return false;
        }
        Route that = (Route) o;
        return kind == that.kind && port == that.port && lookupMx == that.lookupMx
            && Objects.equals(domain, that.domain) && Objects.equals(host, that.host) && tls == that.tls
            && Objects.equals(auth, that.auth) && Objects.equals(status, that.status)
            && Objects.equals(text, that.text);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, domain, host, port, lookupMx, tls, auth, status, text);
    }

    /**
     * In route-table syntax where there is one ({@code local}, {@code smtp:[10.0.0.5]:2525
     * tls=opportunistic}, {@code error:5.7.1 text}); an MX route prints as {@code mx:b.test}.
     */
    @Override
    public String toString() {
        switch (kind) {
            case LOCAL:
                return "local";
            case MX:
                return "mx:" + domain;
            case REFUSE:
                return "error:" + status + " " + text;
            default:
                boolean bracket = !lookupMx;
                return "smtp:" + (bracket ? "[" + host + "]" : host) + ":" + port
                    + " tls=" + tls.name().toLowerCase(Locale.ROOT)
                    + (auth == null ? "" : " " + auth);
        }
    }
}
