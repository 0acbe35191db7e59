package dev.postino.server;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;

import javax.persistence.EntityManagerFactory;

import dev.postino.server.durable.DataDirectoryLock;
import dev.postino.server.durable.DatabaseCheck;
import dev.postino.server.durable.DatabaseCopy;
import dev.postino.server.durable.DatabaseSettings;
import dev.postino.server.durable.JpaStoreModule;

/**
 * {@code ./postino migrate --to FILE [--home DIR]}: moves a stopped durable server's database —
 * the one its working directory last ran on ({@code DIR/conf/james-database.properties}, embedded
 * Derby by default) — into the new, empty database that {@code FILE} (a james-database.properties)
 * names, e.g. PostgreSQL. It locks the working directory (the server must be stopped), creates the
 * tables in the target with the server's own JPA mapping, copies every row ({@link DatabaseCopy})
 * and prints the rows per table. Queued mail ({@code var/store/activemq}) and the search index
 * ({@code var/store/lucene}) are not in the database and stay where they are. The source is only
 * read.
 *
 * <p>Exit status 0 when copied, 1 when refused or failed (one line naming why), 2 for bad options.
 */
public final class MigrateMain {
    private MigrateMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Path home = Path.of("postino-home");
        Path to = null;
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].equals("--home") && !args[i].equals("--to")) {
                err.println("unknown option " + args[i] + "\n" + usage());
                return 2;
            }
            if (i + 1 >= args.length) {
                err.println(args[i] + " needs a value\n" + usage());
                return 2;
            }
            if (args[i].equals("--home")) {
                home = Path.of(args[i + 1]);
            } else {
                to = Path.of(args[i + 1]);
            }
        }
        if (to == null) {
            err.println("--to is required\n" + usage());
            return 2;
        }
        home = home.toAbsolutePath();
        if (!Files.isRegularFile(home.resolve(DatabaseSettings.FILE))) {
            err.println("postino migrate: no durable server has run on " + home + " (" + DatabaseSettings.FILE
                + " is missing): nothing to migrate");
            return 1;
        }
        try {
            DataDirectoryLock lock = DataDirectoryLock.acquire(home);
            try {
                migrate(home, to.toAbsolutePath(), out);
            } finally {
                lock.release();
            }
            return 0;
        } catch (RuntimeException | SQLException e) {
            err.println("postino migrate: " + e.getMessage());
            return 1;
        }
    }

    private static void migrate(Path home, Path to, PrintStream out) throws SQLException {
        System.setProperty("derby.stream.error.file", home.resolve("var/log/derby.log").toString());
        System.setProperty("logback.configurationFile", home.resolve("conf/logback.xml").toString());
        System.setProperty("working.directory", home.toString());
        DatabaseSettings source = DatabaseSettings.load(home).existingOnly();
        DatabaseSettings target = DatabaseSettings.load(to, home);
        if (source.url().equals(target.url()) || source.url().equals(target.existingOnly().url())) {
            throw new IllegalArgumentException("--to names the database the server already uses: " + source.displayUrl());
        }
        DatabaseCheck.open(source);
        DatabaseCheck.open(target);
        // The tables, exactly as the server would create them on its first start there.
        EntityManagerFactory schema = JpaStoreModule.open(target);
        schema.close();
        Map<String, Long> copied;
        try (Connection from = source.connect(); Connection into = target.connect()) {
            from.setReadOnly(true);
            copied = DatabaseCopy.copy(from, into);
        } finally {
            if (source.isEmbeddedDerby()) {
                shutDownDerby(source);
            }
        }
        out.println("postino migrate: copied " + source.displayUrl() + " -> " + target.displayUrl());
        long total = 0;
        for (Map.Entry<String, Long> table : copied.entrySet()) {
            out.printf("  %-34s %8d rows%n", table.getKey(), table.getValue());
            total += table.getValue();
        }
        out.printf("  %d rows in %d tables%n", total, copied.size());
        out.println("next: copy " + to + " to your conf/ as james-database.properties, then start postino "
            + "(queued mail and the search index stay in " + home.resolve("var/store") + ")");
    }

    /** Closes the embedded database cleanly, so the next start needs no recovery. */
    private static void shutDownDerby(DatabaseSettings derby) {
        try {
            DriverManager.getConnection(derby.url() + ";shutdown=true").close();
        } catch (SQLException expected) {
            // Derby reports a successful shutdown as SQLState 08006.
        }
    }

    static String usage() {
        return "usage: postino migrate --to james-database.properties [--home DIR]";
    }
}
