package dev.postino.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.apache.james.GuiceJamesServer;
import org.apache.james.dnsservice.api.DNSService;

import com.google.inject.Module;

import dev.postino.server.HomeInstaller;
import dev.postino.server.PortPlan;
import dev.postino.server.PostinoServerMain;
import dev.postino.server.Storage;
import dev.postino.server.WebadminClient;

/**
 * One real James memory server (in this JVM) as we ship it: our conf/ (optionally edited per test), the drop-in jar in
 * extensions-jars/, random ports, and James's {@link DNSService} bound to the test's DNS.
 *
 * <pre>{@code
 * PostinoJames james = PostinoJames.builder().dns(dnsService).build().start();
 * james.addUser("alice@a.test", "secret");
 * }</pre>
 */
public final class PostinoJames implements AutoCloseable {
    private static final Path CONF = Path.of(System.getProperty("postino.conf", "../conf"));
    private static final Path JAR = Path.of(System.getProperty("postino.jar", "missing-postino.jar"));
    private static volatile Path cachedKeystore;

    private final Path home;
    private final PortPlan ports;
    private final GuiceJamesServer server;
    private final WebadminClient webadmin;

    private PostinoJames(Path home, PortPlan ports, GuiceJamesServer server) {
        this.home = home;
        this.ports = ports;
        this.server = server;
        this.webadmin = new WebadminClient(ports.actual(PortPlan.WEBADMIN));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Configures one server before it starts. */
    public static final class Builder {
        private DNSService dns;
        private final Map<String, UnaryOperator<String>> confEdits = new HashMap<>();
        private final Map<String, String> extraConf = new HashMap<>();
        private final List<Module> overrides = new ArrayList<>();
        private String name = "james";
        private Path existingHome;

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /**
         * Starts on the working directory of a server that has stopped (a restart: what it left in
         * {@code var/} is kept; conf/ and the jar are installed again, on new ports).
         */
        public Builder home(Path home) {
            this.existingHome = home;
            return this;
        }

        public Builder dns(DNSService dns) {
            this.dns = dns;
            return this;
        }

        /** Edits one file of conf/ as text (e.g. a mailet parameter) before the server starts. */
        public Builder editConf(String file, UnaryOperator<String> edit) {
            confEdits.merge(file, edit, (a, b) -> text -> b.apply(a.apply(text)));
            return this;
        }

        /** Adds or replaces one file of conf/. */
        public Builder confFile(String file, String content) {
            extraConf.put(file, content);
            return this;
        }

        public Builder override(Module module) {
            overrides.add(module);
            return this;
        }

        public PostinoJames build() {
            try {
                Path homes = Files.createDirectories(Path.of("target", "james-homes"));
                Path home = existingHome != null ? existingHome : Files.createTempDirectory(homes.toAbsolutePath(), name + "-");
                List<Integer> free = FreePorts.take(8);
                PortPlan ports = PortPlan.of(Map.of(
                    PortPlan.SMTP, free.get(0), PortPlan.SUBMISSION, free.get(1), PortPlan.SUBMISSIONS, free.get(2),
                    PortPlan.IMAP, free.get(3), PortPlan.IMAPS, free.get(4), PortPlan.POP3, free.get(5),
                    PortPlan.POP3S, free.get(6), PortPlan.WEBADMIN, free.get(7)));
                HomeInstaller.install(CONF, JAR, ports, home, Storage.MEMORY);
                Path conf = home.resolve("conf");
                for (Map.Entry<String, String> file : extraConf.entrySet()) {
                    Files.writeString(conf.resolve(file.getKey()), file.getValue());
                }
                pinDnsToLoopback(conf.resolve("postino.properties"));
                for (Map.Entry<String, UnaryOperator<String>> edit : confEdits.entrySet()) {
                    Path file = conf.resolve(edit.getKey());
                    String before = Files.readString(file);
                    String after = edit.getValue().apply(before);
                    if (after.equals(before)) {
                        throw new IllegalStateException("conf edit of " + edit.getKey() + " changed nothing");
                    }
                    Files.writeString(file, after);
                }
                // Several servers share this JVM's MBean server: give each its own JMX names. And
                // each of the seven listeners would wait out Netty's 2 s quiet period at stop()
                // (14 s per server): a test server stops without it (gracefulShutdown=false).
                for (String file : List.of("smtpserver.xml", "imapserver.xml", "pop3server.xml")) {
                    Path path = conf.resolve(file);
                    Files.writeString(path, Files.readString(path)
                        .replaceAll("<jmxName>([^<]*)</jmxName>", "<jmxName>$1-" + home.getFileName()
                            + "</jmxName><gracefulShutdown>false</gracefulShutdown>"));
                }
                if (cachedKeystore != null) {
                    Files.copy(cachedKeystore, conf.resolve("keystore"), StandardCopyOption.REPLACE_EXISTING);
                }
                GuiceJamesServer server = PostinoServerMain.createMemoryServer(home);
                if (dns != null) {
                    DNSService bound = dns;
                    server = server.overrideWith(binder -> binder.bind(DNSService.class).toInstance(bound));
                }
                for (Module module : overrides) {
                    server = server.overrideWith(module);
                }
                return new PostinoJames(home, ports, server);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * No test asks the Internet's DNS: a server built without a lab's DNS (MxLab sets
     * {@code dns.servers}) gets a resolver on a loopback port where nothing listens, so the lookups
     * that James's DNSService binding does not cover (RouteByMx's MX lookups, the SPF/DKIM/DMARC
     * checks) fail at once instead of waiting on the machine's resolvers.
     */
    private static void pinDnsToLoopback(Path properties) throws IOException {
        String text = Files.exists(properties) ? Files.readString(properties) : "";
        if (!text.lines().anyMatch(line -> line.startsWith("dns.servers"))) {
            String separator = text.isEmpty() || text.endsWith("\n") ? "" : "\n";
            Files.writeString(properties, text + separator + "dns.servers=127.0.0.1:" + FreePorts.take(1).get(0)
                + "\ndns.timeout=1s\n");
        }
    }

    public PostinoJames start() {
        try {
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException("James did not start from " + home, e);
        }
        Path keystore = home.resolve("conf/keystore");
        if (cachedKeystore == null && Files.exists(keystore)) {
            cachedKeystore = keystore;
        }
        return this;
    }

    @Override
    public void close() {
        server.stop();
    }

    public boolean isStarted() {
        return server.isStarted();
    }

    public GuiceJamesServer guice() {
        return server;
    }

    public Path home() {
        return home;
    }

    public int smtpPort() {
        return ports.actual(PortPlan.SMTP);
    }

    public int submissionPort() {
        return ports.actual(PortPlan.SUBMISSION);
    }

    public int submissionsPort() {
        return ports.actual(PortPlan.SUBMISSIONS);
    }

    public int imapPort() {
        return ports.actual(PortPlan.IMAP);
    }

    public int imapsPort() {
        return ports.actual(PortPlan.IMAPS);
    }

    public int pop3Port() {
        return ports.actual(PortPlan.POP3);
    }

    public int pop3sPort() {
        return ports.actual(PortPlan.POP3S);
    }

    public int webadminPort() {
        return ports.actual(PortPlan.WEBADMIN);
    }

    public WebadminClient webadmin() {
        return webadmin;
    }

    /** Creates the user's domain if needed, then the user, through webadmin. */
    public PostinoJames addUser(String address, String password) {
        webadmin.addDomain(address.substring(address.indexOf('@') + 1));
        webadmin.addUser(address, password);
        return this;
    }

    public PostinoJames addDomain(String domain) {
        webadmin.addDomain(domain);
        return this;
    }
}
