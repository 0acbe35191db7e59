package dev.postino.core.route;

import java.util.function.Predicate;

/**
 * Where one recipient domain's mail goes: the seam between the delivery engine and whatever
 * holds the routes. {@link RouteTable} is a fixed table; a server whose routes change while it
 * runs (webadmin) implements this over the current table, so each mail sees the routes of the
 * moment it is routed.
 */
public interface RouteResolver {
    /** As {@link RouteTable#resolve(String, Predicate)}. */
    Route resolve(String domain, Predicate<String> isLocal);
}
