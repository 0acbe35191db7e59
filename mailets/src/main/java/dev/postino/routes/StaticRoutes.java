package dev.postino.routes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

import javax.inject.Inject;
import javax.inject.Singleton;

import org.apache.james.filesystem.api.FileSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.postino.config.EditableLayer;
import dev.postino.config.PostinoProperties;
import dev.postino.config.WorkingDirectory;
import dev.postino.core.route.Route;
import dev.postino.core.route.RouteResolver;
import dev.postino.core.route.RouteTable;

/**
 * The static routes in effect: the {@code routes.file} of {@code postino.properties} with the
 * routes added through webadmin ({@link RouteStore}) on top — a webadmin route replaces the file's
 * row of the same key. Every mail is routed against the table of the moment (one immutable table,
 * swapped whole on each change), so a change applies to the next delivery attempt without a
 * restart. Shared by {@code RouteByMx} and the webadmin routes: one Guice singleton.
 *
 * <p>The password of a webadmin route is found under the reference {@code webadmin:KEY}; other
 * references are {@code secret.NAME} keys of {@code postino.properties}.
 */
@Singleton
public class StaticRoutes extends EditableLayer<StoredRoute> implements RouteResolver {
    private static final Logger LOGGER = LoggerFactory.getLogger(StaticRoutes.class);
    static final String PASSWORD_REF_PREFIX = "webadmin:";

    /** One key's route: from webadmin, from the file, or both (webadmin wins). */
    public static final class Entry {
        private final String key;
        private final StoredRoute stored;
        private final Route fileRoute;

        Entry(String key, StoredRoute stored, Route fileRoute) {
            this.key = key;
            this.stored = stored;
            this.fileRoute = fileRoute;
        }

        public String key() {
            return key;
        }

        /** The webadmin route, which is in effect when present. */
        public Optional<StoredRoute> stored() {
            return Optional.ofNullable(stored);
        }

        /** The file's row, in effect when there is no webadmin route. */
        public Optional<Route> fileRoute() {
            return Optional.ofNullable(fileRoute);
        }
    }

    private final PostinoProperties properties;
    private volatile Map<String, StoredRoute> stored;
    private volatile RouteTable table;

    @Inject
    public StaticRoutes(FileSystem fileSystem, RouteStore store) {
        this(PostinoProperties.load(WorkingDirectory.of(fileSystem)), store);
    }

    StaticRoutes(PostinoProperties properties, RouteStore store) {
        super(store, "static route");
        this.properties = properties;
        reload();
        LOGGER.info("static routes: {} from {}, {} from webadmin", properties.routes().size(),
            PostinoProperties.ROUTES_FILE, stored.size());
    }

    @Override
    public Route resolve(String domain, Predicate<String> isLocal) {
        return table.resolve(domain, isLocal);
    }

    /** The password a route's login refers to: a webadmin route's own, or a {@code secret.NAME} of the properties. */
    public Optional<String> password(String ref) {
        if (ref.startsWith(PASSWORD_REF_PREFIX)) {
            return Optional.ofNullable(stored.get(ref.substring(PASSWORD_REF_PREFIX.length())))
                .flatMap(StoredRoute::password);
        }
        return properties.secret(ref);
    }

    /** Whether a password is known for a file row's login ({@code secret=NAME}). */
    public boolean hasSecret(String ref) {
        return properties.secret(ref).isPresent();
    }

    /** Every key with a route, sorted. */
    public List<Entry> all() {
        Map<String, StoredRoute> webadmin = stored;
        Map<String, Route> file = properties.routes().rows();
        TreeSet<String> keys = new TreeSet<>(file.keySet());
        keys.addAll(webadmin.keySet());
        List<Entry> entries = new ArrayList<>();
        keys.forEach(key -> entries.add(new Entry(key, webadmin.get(key), file.get(key))));
        return entries;
    }

    /** The route of one normalized key, if the file or webadmin has one. */
    public Optional<Entry> get(String key) {
        StoredRoute webadmin = stored.get(key);
        Route file = properties.routes().rows().get(key);
        return webadmin == null && file == null ? Optional.empty() : Optional.of(new Entry(key, webadmin, file));
    }

    @Override
    protected void rebuild(Map<String, StoredRoute> all) {
        Map<String, StoredRoute> next = new TreeMap<>(all);
        Map<String, Route> rows = new TreeMap<>();
        next.forEach((key, route) -> rows.put(key, route.route().toRoute(PASSWORD_REF_PREFIX + key)));
        stored = Map.copyOf(next);
        table = properties.routes().withRows(rows);
    }
}
