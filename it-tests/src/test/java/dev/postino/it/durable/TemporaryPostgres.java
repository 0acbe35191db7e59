package dev.postino.it.durable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.postino.it.harness.FreePorts;

/**
 * A throw-away PostgreSQL server (Debian's {@code postgresql} package) in a temporary
 * directory on a free loopback port, run as the {@code postgres} user when the tests run as
 * root (PostgreSQL refuses root). Holds one database {@value #DATABASE} owned by {@value #USER}.
 */
final class TemporaryPostgres implements AutoCloseable {
    static final String DATABASE = "postino";
    static final String USER = "postino";
    static final String PASSWORD = "postino-secret";

    private final Path bin;
    private final Path dir;
    private final int port;

    private TemporaryPostgres(Path bin, Path dir, int port) {
        this.bin = bin;
        this.dir = dir;
        this.port = port;
    }

    static TemporaryPostgres start() {
        Path bin = binaries();
        try {
            Path dir = Files.createTempDirectory("postino-pg-");
            if (isRoot()) {
                run(List.of("chown", "-R", "postgres:postgres", dir.toString()));
            }
            int port = FreePorts.take(1).get(0);
            TemporaryPostgres pg = new TemporaryPostgres(bin, dir, port);
            pg.asPostgres(bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(),
                "-U", "postgres", "-A", "trust", "--no-sync", "-E", "UTF8");
            pg.asPostgres(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-w", "-t", "60",
                "-l", dir.resolve("postgres.log").toString(),
                "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1", "start");
            pg.psql("CREATE USER " + USER + " PASSWORD '" + PASSWORD + "'");
            pg.psql("CREATE DATABASE " + DATABASE + " OWNER " + USER);
            return pg;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    /** conf/james-database.properties pointing at this server. */
    String databaseProperties() {
        return "database.driverClassName=org.postgresql.Driver\n"
            + "database.url=" + jdbcUrl() + "\n"
            + "database.username=" + USER + "\n"
            + "database.password=" + PASSWORD + "\n";
    }

    private void psql(String sql) {
        asPostgres(bin.resolve("psql").toString(), "-h", "127.0.0.1", "-p", Integer.toString(port), "-U", "postgres",
            "-v", "ON_ERROR_STOP=1", "-c", sql);
    }

    private void asPostgres(String... command) {
        List<String> full = new ArrayList<>();
        if (isRoot()) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(List.of(command));
        run(full);
    }

    private static void run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .directory(Path.of(System.getProperty("java.io.tmpdir")).toFile()).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** The newest /usr/lib/postgresql/N/bin, or a message saying how to install it. */
    private static Path binaries() {
        Path root = Path.of("/usr/lib/postgresql");
        Path best = null;
        if (Files.isDirectory(root)) {
            try (DirectoryStream<Path> versions = Files.newDirectoryStream(root)) {
                for (Path version : versions) {
                    if (Files.isExecutable(version.resolve("bin/initdb"))
                        && (best == null || version.getFileName().toString().compareTo(best.getFileName().toString()) > 0)) {
                        best = version;
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (best == null) {
            throw new IllegalStateException("PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb): "
                + "apt-get install -y postgresql, as .ci/run does");
        }
        return best.resolve("bin");
    }

    @Override
    public void close() {
        try {
            asPostgres(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "fast", "-w", "stop");
        } finally {
            run(List.of("rm", "-rf", dir.toString()));
        }
    }
}
