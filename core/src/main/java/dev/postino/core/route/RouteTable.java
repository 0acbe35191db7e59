package dev.postino.core.route;

import dev.postino.core.smtp.EnhancedStatus;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Static routes by recipient domain, in the spirit of Postfix's {@code transport(5)} table.
 *
 * <h2>Syntax</h2>
 * One row per line; blank lines and lines starting with {@code #} are ignored; tokens are
 * separated by blanks. Row numbers in error messages are line numbers, counting from 1.
 * <pre>
 * KEY  ACTION [OPTION ...]
 *
 * KEY     b.test             exactly this domain
 *         .corp.test         any subdomain of corp.test, at any depth, but not corp.test itself
 *         *                  every domain no other row matches
 *
 * ACTION  local              deliver into our own mailboxes
 *         mx                 deliver by the recipient domain's own MX records (undoes a * row)
 *         [smtp:]HOST[:PORT]    relay via HOST's MX records (RFC 5321 §5.1, implicit MX too)
 *         [smtp:][HOST][:PORT]  relay to HOST itself, no MX lookup; HOST may be an IP address,
 *                               IPv6 as [2001:db8::1]:25
 *         error:X.Y.Z TEXT   refuse with this RFC 3463 status and text; 5.x.x bounces,
 *                            4.x.x keeps the mail queued; everything after the status is text
 *
 * OPTION  (relay actions only, each at most once)
 *         tls=opportunistic | required | none    default opportunistic (required with auth=)
 *         auth=USER          log in as USER (RFC 4954)
 *         secret=NAME        the secret-store name of USER's password; default USER
 * </pre>
 * PORT defaults to 25. Names are ASCII (write internationalised names as {@code xn--} A-labels)
 * and compare case-insensitively, with a trailing dot ignored. For example:
 * <pre>
 * b.test       [10.0.0.5]:2525
 * .corp.test   relay.corp.test
 * *            smtp:[smarthost.test]:587 auth=postino secret=smarthost-password
 * spam.test    error:5.7.1 we do not deliver there
 * </pre>
 *
 * <p>Parsing is strict: a bad row throws {@link IllegalArgumentException} naming the row and the
 * offending token, so a typo fails at startup instead of routing mail somewhere unexpected. On
 * purpose {@code auth=} demands {@code tls=required}: a password must never cross the network in
 * clear because a server forgot to offer STARTTLS.
 */
public final class RouteTable implements RouteResolver {
    static final String DEFAULT_KEY = "*";

    /** One parsed row: a fixed route, or "the recipient domain's MX" ({@code route == null}). */
    static final class Entry {
        final int row;
        final Route route;

        Entry(int row, Route route) {
            this.row = row;
            this.route = route;
        }

        Route routeFor(String domain) {
            return route == null ? Route.mx(domain) : route;
        }
    }

    private final Map<String, Entry> entries;

    private RouteTable(Map<String, Entry> entries) {
        this.entries = entries;
    }

    /** A table without rows: every non-local domain goes by its MX records. */
    public static RouteTable empty() {
        return new RouteTable(Collections.emptyMap());
    }

    /** Parses rows in the syntax above; throws {@link IllegalArgumentException} on the first bad row. */
    public static RouteTable parse(List<String> lines) {
        return new RouteTable(Collections.unmodifiableMap(RouteTableParser.parse(lines)));
    }

    /**
     * This table with {@code rows} added, each replacing a row of the same key: how routes edited
     * at run time (webadmin) override the configuration file's. A row whose route is an
     * {@link Route.Kind#MX} route means "the recipient domain's own MX", as the {@code mx} action.
     *
     * @throws IllegalArgumentException for a key that is not a row key ({@link #normalizeKey})
     */
    public RouteTable withRows(Map<String, Route> rows) {
        Map<String, Entry> merged = new LinkedHashMap<>(entries);
        rows.forEach((key, route) -> merged.put(normalizeKey(key),
            new Entry(0, route.kind() == Route.Kind.MX ? null : route)));
        return new RouteTable(Collections.unmodifiableMap(merged));
    }

    /**
     * Every row by key ({@code b.test}, {@code .corp.test}, {@code *}), in table order. A row whose
     * action is {@code mx} maps to {@code Route.mx(key)}.
     */
    public Map<String, Route> rows() {
        Map<String, Route> rows = new LinkedHashMap<>();
        entries.forEach((key, entry) -> rows.put(key, entry.route == null ? Route.mx(key) : entry.route));
        return Collections.unmodifiableMap(rows);
    }

    /**
     * A row key in the form the table compares: {@code B.Test.} → {@code b.test}, {@code .Corp.test}
     * → {@code .corp.test}, {@code *} as is.
     *
     * @throws IllegalArgumentException naming the key when it is neither a domain, {@code .domain}
     *                                  nor {@code *}
     */
    public static String normalizeKey(String key) {
        if (key == null) {
            throw new IllegalArgumentException("bad domain 'null'");
        }
        if (key.equals(DEFAULT_KEY)) {
            return key;
        }
        boolean wildcard = key.startsWith(".");
        String name = wildcard ? key.substring(1) : key;
        String normalized = name.trim().isEmpty() || name.equals(".") ? "" : DomainName.normalize(name);
        if (normalized.isEmpty() || !DomainName.isValid(normalized)) {
            throw new IllegalArgumentException("bad domain '" + key + "'");
        }
        return wildcard ? "." + normalized : normalized;
    }

    /** The number of rows. */
    public int size() {
        return entries.size();
    }

    /** As {@link #resolve(String, Predicate)}, with local domains given as a set of names. */
    public Route resolve(String domain, Set<String> localDomains) {
        Set<String> local = localDomains.stream().map(DomainName::normalize).collect(Collectors.toSet());
        return resolve(domain, local::contains);
    }

    /**
     * The route for a recipient domain: {@link Route#local()} when {@code isLocal} says so (it is
     * asked with the normalized name), else the exact row, else the most specific {@code .parent}
     * row walking up one label at a time, else the {@code *} row, else {@link Route#mx(String)}.
     * An address literal ({@code [192.0.2.1]}, {@code [IPv6:2001:db8::1]}) matches no named row:
     * it goes by the {@code *} row when that names a relay or refusal, else straight to the address.
     */
    @Override
    public Route resolve(String domain, Predicate<String> isLocal) {
        String name = DomainName.normalize(domain);
        if (isLocal.test(name)) {
            return Route.local();
        }
        if (name.startsWith("[")) {
            return resolveLiteral(name);
        }
        Entry exact = entries.get(name);
        if (exact != null) {
            return exact.routeFor(name);
        }
        for (String parent = DomainName.parent(name); parent != null; parent = DomainName.parent(parent)) {
            Entry wildcard = entries.get("." + parent);
            if (wildcard != null) {
                return wildcard.routeFor(name);
            }
        }
        Entry fallback = entries.get(DEFAULT_KEY);
        return fallback != null ? fallback.routeFor(name) : Route.mx(name);
    }

    // RFC 5321 §4.1.3: an address literal names the host itself, so there is no MX to look up.
    private Route resolveLiteral(String literal) {
        Entry fallback = entries.get(DEFAULT_KEY);
        if (fallback != null && fallback.route != null) {
            return fallback.route;
        }
        String inside = literal.endsWith("]") ? literal.substring(1, literal.length() - 1) : "";
        String ip = inside.startsWith("ipv6:") ? inside.substring("ipv6:".length()) : inside;
        boolean valid = inside.startsWith("ipv6:") ? IpLiteral.isIpv6(ip) : IpLiteral.isIpv4(ip);
        if (!valid) {
            // A value, not an exception: the recipient came from a mail, not from our configuration.
            return Route.refuse(EnhancedStatus.of(5, 1, 2),
                "bad address literal " + literal);
        }
        return Route.relay(ip, Route.SMTP_PORT, false, TlsPolicy.OPPORTUNISTIC);
    }

    private Map<String, String> routes() {
        return entries.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
            e -> e.getValue().route == null ? "mx" : e.getValue().route.toString()));
    }

    @Override
    public String toString() {
        return "RouteTable" + routes();
    }
}
