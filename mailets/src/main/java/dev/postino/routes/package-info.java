/**
 * The static routes in effect while the server runs: {@code routes.file} with the routes added
 * through webadmin on top ({@link dev.postino.routes.StaticRoutes}, a
 * {@link dev.postino.core.route.RouteResolver} for {@code RouteByMx}), and where the webadmin routes
 * are kept ({@link dev.postino.routes.RouteStore}, by default {@code var/postino/routes.json}).
 * Routing decisions themselves are {@code dev.postino.core.route}'s.
 */
package dev.postino.routes;
