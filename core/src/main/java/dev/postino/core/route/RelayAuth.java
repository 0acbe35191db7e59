package dev.postino.core.route;

import java.util.Objects;

/**
 * Who we log in as at a relay (RFC 4954 AUTH). The password itself never enters a route: only
 * {@link #passwordRef()}, the name under which the delivery engine finds it in its secret store.
 */
public final class RelayAuth {
    private final String username;
    private final String passwordRef;

    private RelayAuth(String username, String passwordRef) {
        this.username = username;
        this.passwordRef = passwordRef;
    }

    public static RelayAuth of(String username, String passwordRef) {
        return new RelayAuth(requireWord(username, "username"), requireWord(passwordRef, "passwordRef"));
    }

    private static String requireWord(String value, String what) {
        if (value == null || value.isEmpty() || !value.equals(value.trim()) || value.contains(" ")) {
            throw new IllegalArgumentException("relay auth " + what + " must be one non-empty word, got '" + value + "'");
        }
        return value;
    }

    public String username() {
        return username;
    }

    public String passwordRef() {
        return passwordRef;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof RelayAuth)) {
            return false;
        }
        RelayAuth that = (RelayAuth) o;
        return username.equals(that.username) && passwordRef.equals(that.passwordRef);
    }

    @Override
    public int hashCode() {
        return Objects.hash(username, passwordRef);
    }

    /** In route-table syntax: {@code auth=alice secret=smarthost}. */
    @Override
    public String toString() {
        return "auth=" + username + " secret=" + passwordRef;
    }
}
