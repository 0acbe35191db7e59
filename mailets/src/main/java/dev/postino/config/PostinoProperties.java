package dev.postino.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

import dev.postino.core.limits.LimitTable;
import dev.postino.core.limits.SendingLimitsConfig;
import dev.postino.core.route.RouteTable;
import dev.postino.core.size.SizeLimits;
import dev.postino.core.size.SizeLimitsConfig;
import dev.postino.spam.SpamSettings;

/**
 * Postino's shared settings, {@code conf/postino.properties}. Every key is optional; an unknown
 * key or a bad value stops start-up with the key named.
 *
 * <pre>
 * helo.name=mx.example.com        # EHLO name for outgoing SMTP (default: this host's name)
 * dns.servers=127.0.0.1:53        # resolvers for MX/A/AAAA (default: the system's)
 * dns.timeout=5s
 * mx.port=25                      # port of MX hosts (change only for labs and tests)
 * routes.file=conf/postino-routes # static routes and smarthosts (RouteTable syntax)
 * secret.relayuser=...            # a smarthost password, named by secret= in a route
 * size.limit=25M                  # size limits: see {@link SizeLimitsConfig} for every size.* key
 * size.limit.submission.domain.a.test=10M
 * sending.limit.messages-per-day=1000   # sending limits: see {@link SendingLimitsConfig} for every sending.limit.* key
 * spam.tokenStore=var/postino/spam-tokens  # the token store webadmin's /postino/spam trains
 * </pre>
 */
public final class PostinoProperties {
    public static final String HELO_NAME = "helo.name";
    public static final String DNS_SERVERS = "dns.servers";
    public static final String DNS_TIMEOUT = "dns.timeout";
    public static final String MX_PORT = "mx.port";
    public static final String ROUTES_FILE = "routes.file";
    public static final String SPAM_TOKEN_STORE = "spam.tokenStore";
    public static final String SECRET_PREFIX = "secret.";
    private static final Set<String> KEYS = Set.of(HELO_NAME, DNS_SERVERS, DNS_TIMEOUT, MX_PORT, ROUTES_FILE,
        SPAM_TOKEN_STORE);

    private final Optional<String> heloName;
    private final List<InetSocketAddress> dnsServers;
    private final Duration dnsTimeout;
    private final int mxPort;
    private final RouteTable routes;
    private final Map<String, String> secrets;
    private final SizeLimits sizeLimits;
    private final LimitTable sendingLimits;
    private final Path spamTokenStore;

    private PostinoProperties(Optional<String> heloName, List<InetSocketAddress> dnsServers, Duration dnsTimeout,
                              int mxPort, RouteTable routes, Map<String, String> secrets, SizeLimits sizeLimits,
                              LimitTable sendingLimits, Path spamTokenStore) {
        this.heloName = heloName;
        this.dnsServers = dnsServers;
        this.dnsTimeout = dnsTimeout;
        this.mxPort = mxPort;
        this.routes = routes;
        this.secrets = secrets;
        this.sizeLimits = sizeLimits;
        this.sendingLimits = sendingLimits;
        this.spamTokenStore = spamTokenStore;
    }

    /** Reads {@code conf/postino.properties} under James's working directory; absent → defaults. */
    public static PostinoProperties load(Path workingDirectory) {
        Path file = workingDirectory.resolve("conf/postino.properties");
        Map<String, String> values = new HashMap<>();
        if (Files.exists(file)) {
            Properties properties = new Properties();
            try (InputStream in = Files.newInputStream(file)) {
                properties.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
            properties.stringPropertyNames().forEach(key -> values.put(key, properties.getProperty(key)));
        }
        return parse(file.toString(), values, workingDirectory);
    }

    static PostinoProperties parse(String source, Map<String, String> all, Path workingDirectory) {
        Map<String, String> secrets = new HashMap<>();
        Map<String, String> sizes = new HashMap<>();
        Map<String, String> sending = new HashMap<>();
        Map<String, String> plain = new HashMap<>();
        all.forEach((key, value) -> {
            if (key.startsWith(SECRET_PREFIX)) {
                secrets.put(key.substring(SECRET_PREFIX.length()), value);
            } else if (key.startsWith(SizeLimitsConfig.PREFIX)) {
                sizes.put(key, value);
            } else if (key.startsWith(SendingLimitsConfig.PREFIX)) {
                sending.put(key, value);
            } else {
                plain.put(key, value);
            }
        });
        ConfigValues values = new ConfigValues(source, plain).requireOnly(KEYS);
        Optional<String> helo = values.string(HELO_NAME).filter(name -> !name.isEmpty());
        RouteTable routes = values.string(ROUTES_FILE).map(path -> readRoutes(source, workingDirectory.resolve(path)))
            .orElse(RouteTable.empty());
        String tokenStore = values.string(SPAM_TOKEN_STORE).orElse(SpamSettings.DEFAULT_TOKEN_STORE);
        if (tokenStore.trim().isEmpty()) {
            throw new ConfigException(source + ": bad value for " + SPAM_TOKEN_STORE + "='': a file name is needed");
        }
        return new PostinoProperties(helo, values.hostPorts(DNS_SERVERS, 53), values.positiveDuration(DNS_TIMEOUT, Duration.ofSeconds(5)),
            values.integer(MX_PORT, 25, 1, 65535), routes, Map.copyOf(secrets), sizeLimits(source, sizes),
            sendingLimits(source, sending), workingDirectory.resolve(tokenStore).normalize());
    }

    private static LimitTable sendingLimits(String source, Map<String, String> entries) {
        try {
            return SendingLimitsConfig.parse(entries);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(source + ": " + e.getMessage(), e);
        }
    }

    private static SizeLimits sizeLimits(String source, Map<String, String> entries) {
        try {
            return SizeLimitsConfig.parse(entries);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(source + ": " + e.getMessage(), e);
        }
    }

    private static RouteTable readRoutes(String source, Path file) {
        try {
            return RouteTable.parse(Files.readAllLines(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ConfigException(source + ": " + ROUTES_FILE + " cannot be read: " + file, e);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(file + ": " + e.getMessage(), e);
        }
    }

    public Optional<String> heloName() {
        return heloName;
    }

    public List<InetSocketAddress> dnsServers() {
        return dnsServers;
    }

    public Duration dnsTimeout() {
        return dnsTimeout;
    }

    public int mxPort() {
        return mxPort;
    }

    public RouteTable routes() {
        return routes;
    }

    /** The {@code size.*} limits; {@link SizeLimits#none()} when there are none. */
    public SizeLimits sizeLimits() {
        return sizeLimits;
    }

    /**
     * The spam token store webadmin trains and reports on, resolved against the working directory
     * (default {@code var/postino/spam-tokens}, {@code SpamCheck}'s default): keep it equal to
     * {@code SpamCheck}'s {@code tokenStore}.
     */
    public Path spamTokenStore() {
        return spamTokenStore;
    }

    /** The {@code sending.limit.*} limits; an empty table when there are none (built-in defaults apply). */
    public LimitTable sendingLimits() {
        return sendingLimits;
    }

    /** The password stored as {@code secret.NAME}. */
    public Optional<String> secret(String name) {
        return Optional.ofNullable(secrets.get(name));
    }
}
