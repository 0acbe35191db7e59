package dev.postino.webadmin;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.apache.james.webadmin.utils.JsonTransformer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.postino.core.route.Route;
import dev.postino.core.route.RouteTable;
import dev.postino.routes.StaticRoutes;
import dev.postino.routes.StoredRoute;
import dev.postino.routes.StoredRouteJson;

/**
 * Static routes and smarthosts per destination, in effect for the next mail:
 *
 * <pre>
 * GET    /postino/routes            every route, from routes.file and from webadmin
 * GET    /postino/routes/{domain}   one route (404 when neither has one)
 * PUT    /postino/routes/{domain}   add or replace the webadmin route: {"host": "...", "port": 587,
 *                                   "tls": "required", "lookupMx": false,
 *                                   "auth": {"username": "...", "password": "..."}} → 204
 * DELETE /postino/routes/{domain}   remove the webadmin route (a routes.file row applies again) → 204
 * </pre>
 *
 * {@code {domain}} is a route key: {@code b.test}, {@code .corp.test} (its subdomains) or
 * {@code *} (every other domain). Passwords are never shown: {@code "passwordSet": true}. Listed
 * in {@code webadmin.properties}: {@code extensions.routes=dev.postino.webadmin.StaticRouteRoutes}.
 */
public class StaticRouteRoutes extends EditableLayerRoutes<StoredRoute> {
    public static final String BASE = "/postino/routes";

    private final StaticRoutes routes;

    @Inject
    public StaticRouteRoutes(StaticRoutes routes, JsonTransformer json) {
        super(BASE, "route", routes, json);
        this.routes = routes;
    }

    @Override
    List<ObjectNode> list() {
        return routes.all().stream().map(this::show).collect(Collectors.toList());
    }

    @Override
    ObjectNode one(String key) {
        return routes.get(key).map(this::show)
            .orElseThrow(() -> WebadminErrors.notFound("no route for '" + key + "'"));
    }

    @Override
    String key(String raw) {
        try {
            return RouteTable.normalizeKey(raw);
        } catch (IllegalArgumentException e) {
            throw WebadminErrors.badRequest("domain", e.getMessage() + ": expected a domain, .domain or *");
        }
    }

    @Override
    StoredRoute read(String key, JsonNode body) {
        return StoredRouteJson.read(body, routes.get(key).flatMap(StaticRoutes.Entry::stored));
    }

    @Override
    String nothingToDelete(String key) {
        return "no webadmin route for '" + key + "'"
            + (routes.get(key).isPresent() ? " (its route comes from routes.file: edit that file)" : "");
    }

    private ObjectNode show(StaticRoutes.Entry entry) {
        ObjectNode shown = JsonNodeFactory.instance.objectNode();
        shown.put("domain", entry.key());
        if (entry.stored().isPresent()) {
            shown.put("source", "webadmin");
            shown.put("action", "relay");
            shown.setAll(StoredRouteJson.write(entry.stored().get(), false));
            entry.fileRoute().ifPresent(file -> shown.put("overrides", file.toString()));
        } else {
            shown.put("source", "file");
            showFileRoute(shown, entry.fileRoute().orElseThrow());
        }
        return shown;
    }

    private void showFileRoute(ObjectNode shown, Route route) {
        shown.put("action", route.kind() == Route.Kind.REFUSE ? "error" : route.kind().name().toLowerCase(Locale.ROOT));
        switch (route.kind()) {
            case RELAY:
                shown.put("host", route.host());
                shown.put("port", route.port());
                shown.put("tls", route.tlsPolicy().name().toLowerCase(Locale.ROOT));
                shown.put("lookupMx", route.lookupMx());
                route.auth().ifPresent(auth -> {
                    ObjectNode login = shown.putObject("auth");
                    login.put("username", auth.username());
                    login.put("secret", auth.passwordRef());
                    login.put("passwordSet", routes.hasSecret(auth.passwordRef()));
                });
                break;
            case REFUSE:
                shown.put("status", route.status().toString());
                shown.put("text", route.text());
                break;
            default:
                break;
        }
    }
}
