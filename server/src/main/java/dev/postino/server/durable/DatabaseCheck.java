package dev.postino.server.durable;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Opens the configured database once before James starts, so that a database that cannot be
 * opened stops start-up with one line naming its URL — not a Guice stack trace three screens
 * long, and not (Derby) a new empty database created somewhere else.
 */
public final class DatabaseCheck {
    private DatabaseCheck() {
    }

    public static void open(DatabaseSettings settings) {
        try {
            Class.forName(settings.driver());
        } catch (ClassNotFoundException e) {
            throw new DatabaseUnavailableException("JDBC driver " + settings.driver() + " (for " + settings.displayUrl()
                + ") is not on the classpath: put its jar in the launcher's lib/", e);
        }
        try (Connection connection = settings.connect()) {
            connection.getMetaData();
        } catch (SQLException e) {
            throw new DatabaseUnavailableException("cannot open the database " + settings.displayUrl() + ": "
                + describe(e), e);
        }
    }

    /** Derby hides the useful reason (a lock, a read-only directory) in the chained exceptions. */
    static String describe(SQLException e) {
        StringBuilder text = new StringBuilder(String.valueOf(e.getMessage()));
        Throwable cause = e.getNextException() != null ? e.getNextException() : e.getCause();
        int depth = 0;
        String last = e.getMessage();
        while (cause != null && depth++ < 3) {
            if (cause.getMessage() != null && !cause.getMessage().equals(last)) {
                text.append(" / ").append(cause.getMessage());
                last = cause.getMessage();
            }
            cause = cause.getCause();
        }
        return text.toString();
    }
}
