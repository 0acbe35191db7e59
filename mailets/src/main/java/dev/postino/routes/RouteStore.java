package dev.postino.routes;

import java.io.IOException;
import java.util.Map;

import com.google.inject.ImplementedBy;

/**
 * Where routes added through webadmin are kept, by route key ({@code b.test}, {@code .corp.test},
 * {@code *}). The default, {@link FileRouteStore}, is a file in this node's working directory: each
 * James node has its own. Servers sharing their routes would bind another implementation (a
 * database table) in a {@code guice.extension.module}; {@link StaticRoutes} reads it once at
 * start-up and after each change made through this node.
 */
@ImplementedBy(FileRouteStore.class)
public interface RouteStore {
    /** Every stored route by normalized key. */
    Map<String, StoredRoute> all();

    /** Adds or replaces the route of {@code key}; durable when this returns. */
    void put(String key, StoredRoute route) throws IOException;

    /** Removes the route of {@code key}; false when there was none. */
    boolean remove(String key) throws IOException;
}
