package dev.postino.server;

import java.nio.file.Path;

import org.apache.james.ExtraProperties;
import org.apache.james.FakeSearchMailboxModule;
import org.apache.james.GuiceJamesServer;
import org.apache.james.MemoryJamesConfiguration;
import org.apache.james.MemoryJamesServerMain;
import org.apache.james.modules.RunArgumentsModule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the James server we ship, in the foreground: installs the working directory
 * ({@link HomeInstaller}), generates a self-signed keystore if conf/ has none, starts James with
 * the Postino jar loaded from extensions-jars/, then creates the {@code --user} accounts.
 */
public final class PostinoServerMain {
    private PostinoServerMain() {
    }

    public static void main(String[] args) throws Exception {
        LaunchOptions options;
        try {
            options = LaunchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        HomeInstaller.install(options.conf, options.jar, options.ports, options.home);
        // Before the first logger is created, so logback reads our file, not James's sample.
        System.setProperty("working.directory", options.home.toString());
        System.setProperty("logback.configurationFile", options.home.resolve("conf/logback.xml").toString());
        Logger logger = LoggerFactory.getLogger(PostinoServerMain.class);

        long started = System.nanoTime();
        GuiceJamesServer server = createServer(options.home);
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "postino-shutdown"));

        WebadminClient webadmin = new WebadminClient(HomeInstaller.webadminPort(options.home));
        for (LaunchOptions.FirstUser user : options.users) {
            webadmin.addDomain(user.domain());
            boolean created = webadmin.addUser(user.address, user.password);
            logger.info("user {} {}", user.address, created ? "created" : "exists already, password unchanged");
        }
        logger.info("Postino started in {} ms, working directory {}",
            (System.nanoTime() - started) / 1_000_000, options.home);
    }

    /** The memory server of James 3.8.1 over an installed working directory. */
    public static GuiceJamesServer createServer(Path home) {
        ExtraProperties.initialize();
        MemoryJamesConfiguration configuration = MemoryJamesConfiguration.builder()
            .workingDirectory(home.toFile())
            .build();
        return MemoryJamesServerMain.createServer(configuration)
            .combineWith(new FakeSearchMailboxModule())
            .overrideWith(new RunArgumentsModule(new String[] {"--generate-keystore"}));
    }
}
