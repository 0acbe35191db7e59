package dev.postino.server;

import java.nio.file.Path;
import java.util.Locale;

import org.apache.james.ExtraProperties;
import org.apache.james.FakeSearchMailboxModule;
import org.apache.james.GuiceJamesServer;
import org.apache.james.MemoryJamesConfiguration;
import org.apache.james.MemoryJamesServerMain;
import org.apache.james.modules.RunArgumentsModule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.postino.server.durable.DataDirectoryLock;
import dev.postino.server.durable.DatabaseCheck;
import dev.postino.server.durable.DatabaseSettings;
import dev.postino.server.durable.DurableServer;

/**
 * Starts the James server we ship, in the foreground: locks the working directory (one server
 * per directory), installs it ({@link HomeInstaller}), generates a self-signed keystore if conf/
 * has none, starts James — durable by default, memory with {@code --storage memory} — with the
 * Postino jar loaded from extensions-jars/, then creates the {@code --user} accounts.
 *
 * <p>Start-up errors we can name (bad option, locked directory, a port in use, unopenable database, a
 * {@code --user} James refuses) print one line on stderr and exit with status 2 (options) or 1
 * (everything else).
 */
public final class PostinoServerMain {
    /** Held until the JVM exits; a collected lock would be released. */
    private static volatile DataDirectoryLock homeLock;

    private PostinoServerMain() {
    }

    public static void main(String[] args) throws Exception {
        LaunchOptions options;
        try {
            options = LaunchOptions.parse(args, System.getenv(LaunchOptions.USERS_VARIABLE));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        GuiceJamesServer server;
        try {
            // Before anything is written to the working directory: a second server must not
            // even rewrite conf/ under the running one.
            homeLock = DataDirectoryLock.acquire(options.home);
            HomeInstaller.install(options.conf, options.jar, options.ports, options.home, options.storage);
            ListenerPorts.checkFree(options.home);
            if (options.storage == Storage.DURABLE) {
                // Derby writes derby.log to the current directory unless told otherwise.
                System.setProperty("derby.stream.error.file", options.home.resolve("var/log/derby.log").toString());
                // Read from --conf, the file the administrator edits, so an error names that one
                // and not the copy in the working directory that the next start overwrites.
                DatabaseCheck.open(DatabaseSettings.load(
                    options.conf.resolve(DatabaseSettings.FILE.substring("conf/".length())), options.home));
            }
        } catch (RuntimeException e) {
            System.err.println("postino: " + e.getMessage());
            System.exit(1);
            return;
        }
        // Before the first logger is created, so logback reads our file, not James's sample.
        System.setProperty("working.directory", options.home.toString());
        System.setProperty("logback.configurationFile", options.home.resolve("conf/logback.xml").toString());
        Logger logger = LoggerFactory.getLogger(PostinoServerMain.class);

        long started = System.nanoTime();
        server = options.storage == Storage.DURABLE ? createServer(options.home) : createMemoryServer(options.home);
        server.start();
        GuiceJamesServer running = server;
        Runtime.getRuntime().addShutdownHook(new Thread(running::stop, "postino-shutdown"));

        WebadminClient webadmin = new WebadminClient(HomeInstaller.webadminPort(options.home));
        for (LaunchOptions.FirstUser user : options.users) {
            try {
                webadmin.addDomain(user.domain());
                boolean created = webadmin.addUser(user.address, user.password);
                logger.info("user {} {}", user.address, created ? "created" : "exists already, password unchanged");
            } catch (RuntimeException e) {
                // A --user James refuses (an invalid name) is bad input like any other option: stop
                // (the shutdown hook stops James), rather than run on without the account.
                logger.error("--user {}: {}", user.address, e.getMessage());
                System.err.println("postino: --user " + user.address + ": " + e.getMessage());
                System.exit(1);
                return;
            }
        }
        logger.info("Postino started in {} ms, storage {}, working directory {}",
            (System.nanoTime() - started) / 1_000_000, options.storage.name().toLowerCase(Locale.ROOT),
            options.home);
    }

    /** The durable server (JPA, Lucene, ActiveMQ/KahaDB) over an installed working directory. */
    public static GuiceJamesServer createServer(Path home) {
        ExtraProperties.initialize();
        return DurableServer.create(home);
    }

    /**
     * The memory server of James 3.8.1 over a working directory installed with
     * {@link Storage#MEMORY}; nothing survives a stop.
     */
    public static GuiceJamesServer createMemoryServer(Path home) {
        ExtraProperties.initialize();
        MemoryJamesConfiguration configuration = MemoryJamesConfiguration.builder()
            .workingDirectory(home.toFile())
            .build();
        return MemoryJamesServerMain.createServer(configuration)
            .combineWith(new FakeSearchMailboxModule())
            .overrideWith(new RunArgumentsModule(new String[] {"--generate-keystore"}));
    }
}
