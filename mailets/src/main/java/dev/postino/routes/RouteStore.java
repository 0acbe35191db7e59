package dev.postino.routes;

import com.google.inject.ImplementedBy;

import dev.postino.config.KeyedStore;

/**
 * Where routes added through webadmin are kept, by route key ({@code b.test}, {@code .corp.test},
 * {@code *}). The default, {@link FileRouteStore}, is a file in this node's working directory: each
 * James node has its own. Servers sharing their routes would bind another implementation (a
 * database table) in a {@code guice.extension.module}; {@link StaticRoutes} reads it once at
 * start-up and after each change made through this node.
 */
@ImplementedBy(FileRouteStore.class)
public interface RouteStore extends KeyedStore<StoredRoute> {
}
