package dev.postino.routes;

import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.postino.config.JsonFields;
import dev.postino.core.BadField;
import dev.postino.core.route.Route;
import dev.postino.core.route.StaticRoute;

/**
 * A route added through webadmin as JSON, the same in a request and in {@code routes.json}:
 *
 * <pre>
 * {"host": "smarthost.test", "port": 587, "tls": "required", "lookupMx": false,
 *  "auth": {"username": "postino", "password": "secret"}}
 * </pre>
 *
 * Only {@code host} is required; {@code port} defaults to 25, {@code tls} to {@code required} with
 * {@code auth} and {@code opportunistic} without, {@code lookupMx} to false (connect to the host
 * itself, as Postfix's {@code [host]}). Shown back, the password is replaced by
 * {@code "passwordSet": true}.
 */
public final class StoredRouteJson {
    public static final String AUTH = "auth";
    public static final String USERNAME = "username";
    public static final String PASSWORD = "password";
    private static final Set<String> FIELDS = Set.of(StaticRoute.HOST, StaticRoute.PORT, StaticRoute.TLS,
        StaticRoute.LOOKUP_MX, AUTH);
    private static final Set<String> AUTH_FIELDS = Set.of(USERNAME, PASSWORD);

    private StoredRouteJson() {
    }

    /**
     * Reads a route. A login without a password keeps the password of {@code previous} when that
     * logs in as the same user (so a route can be edited without sending its password again).
     *
     * @throws BadField naming the first bad field
     */
    public static StoredRoute read(JsonNode json, Optional<StoredRoute> previous) {
        JsonFields fields = JsonFields.of(json, "", FIELDS);
        String host = fields.string(StaticRoute.HOST).orElse(null);
        int port = fields.integer(StaticRoute.PORT).orElse(Route.SMTP_PORT);
        String tls = fields.string(StaticRoute.TLS).orElse(null);
        boolean lookupMx = fields.bool(StaticRoute.LOOKUP_MX).orElse(false);
        Optional<JsonFields> auth = fields.object(AUTH, AUTH_FIELDS);
        String username = null;
        Optional<String> password = Optional.empty();
        if (auth.isPresent()) {
            username = auth.get().string(USERNAME)
                .orElseThrow(() -> new BadField(StaticRoute.USERNAME, "is required with auth"));
            password = auth.get().string(PASSWORD);
            if (password.isPresent() && password.get().isEmpty()) {
                throw new BadField(auth.get().name(PASSWORD), "must not be empty");
            }
        }
        StaticRoute route = StaticRoute.of(host, port, tls, lookupMx, username);
        if (username != null && password.isEmpty()) {
            password = previous.filter(old -> old.route().username().equals(route.username()))
                .flatMap(StoredRoute::password);
            if (password.isEmpty()) {
                throw new BadField(AUTH + "." + PASSWORD, "is required with auth (it is kept only when the"
                    + " route already logs in as the same user)");
            }
        }
        return new StoredRoute(route, password);
    }

    /** The route as JSON; with {@code withPassword} false (anything shown), only whether one is set. */
    public static ObjectNode write(StoredRoute stored, boolean withPassword) {
        StaticRoute route = stored.route();
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put(StaticRoute.HOST, route.host());
        json.put(StaticRoute.PORT, route.port());
        json.put(StaticRoute.TLS, route.tlsName());
        json.put(StaticRoute.LOOKUP_MX, route.lookupMx());
        route.username().ifPresent(username -> {
            ObjectNode auth = json.putObject(AUTH);
            auth.put(USERNAME, username);
            if (withPassword) {
                auth.put(PASSWORD, stored.password().orElseThrow());
            } else {
                auth.put("passwordSet", stored.password().isPresent());
            }
        });
        return json;
    }
}
