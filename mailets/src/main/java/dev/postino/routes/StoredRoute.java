package dev.postino.routes;

import java.util.Objects;
import java.util.Optional;

import dev.postino.core.route.StaticRoute;

/** A route added through webadmin, with the password of its login if it has one (never shown back). */
public final class StoredRoute {
    private final StaticRoute route;
    private final String password;

    public StoredRoute(StaticRoute route, Optional<String> password) {
        if (route.username().isPresent() != password.isPresent()) {
            throw new IllegalArgumentException("a login needs a password and a password a login: " + route);
        }
        this.route = route;
        this.password = password.orElse(null);
    }

    public StaticRoute route() {
        return route;
    }

    public Optional<String> password() {
        return Optional.ofNullable(password);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StoredRoute && route.equals(((StoredRoute) o).route)
            && Objects.equals(password, ((StoredRoute) o).password);
    }

    @Override
    public int hashCode() {
        return Objects.hash(route, password);
    }

    @Override
    public String toString() {
        return route + (password == null ? "" : " password=(set)");
    }
}
