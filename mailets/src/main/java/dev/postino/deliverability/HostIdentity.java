package dev.postino.deliverability;

import java.io.FileNotFoundException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Locale;

import javax.inject.Inject;
import javax.inject.Singleton;

import org.apache.james.dnsservice.api.DNSService;
import org.apache.james.filesystem.api.FileSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.postino.config.PostinoProperties;
import dev.postino.core.deliverability.HeloNameCheck;

/**
 * Who this server is to the outside: the name it gives in EHLO ({@code helo.name} of
 * postino.properties, else the name James's DNS gives this host), the domain of the Message-IDs
 * it writes and the authserv-id of its {@code Authentication-Results}; plus James's working
 * directory and Postino's properties. Built once at start-up ({@link DeliverabilityModule} binds
 * it as an eager singleton), which logs a warning when the name is not a fully-qualified domain
 * name (RFC 5321 §4.1.1.1).
 */
@Singleton
public final class HostIdentity {
    private static final Logger LOGGER = LoggerFactory.getLogger(HostIdentity.class);

    private final Path workingDirectory;
    private final PostinoProperties properties;
    private final String hostName;

    @Inject
    public HostIdentity(FileSystem fileSystem, DNSService dns) {
        this(workingDirectory(fileSystem), dns);
    }

    private HostIdentity(Path workingDirectory, DNSService dns) {
        this(workingDirectory, PostinoProperties.load(workingDirectory), dns);
    }

    private HostIdentity(Path workingDirectory, PostinoProperties properties, DNSService dns) {
        this(workingDirectory, properties, properties.heloName().orElseGet(() -> localHostName(dns)));
    }

    public HostIdentity(Path workingDirectory, PostinoProperties properties, String hostName) {
        this.workingDirectory = workingDirectory;
        this.properties = properties;
        this.hostName = hostName.toLowerCase(Locale.ROOT);
        HeloNameCheck.problem(hostName).ifPresent(problem -> LOGGER.warn(
            "helo.name '{}' is not a fully-qualified domain name ({}): receivers may count it against our mail; "
                + "set helo.name in conf/postino.properties to this server's public name", hostName, problem));
    }

    private static String localHostName(DNSService dns) {
        try {
            InetAddress local = dns.getLocalHost();
            return dns.getHostName(local);
        } catch (Exception e) {
            return "localhost";
        }
    }

    private static Path workingDirectory(FileSystem fileSystem) {
        try {
            return fileSystem.getBasedir().toPath();
        } catch (FileNotFoundException e) {
            throw new IllegalStateException("James has no working directory", e);
        }
    }

    /** The EHLO name, lower case: Message-ID domain and authserv-id. */
    public String hostName() {
        return hostName;
    }

    public Path workingDirectory() {
        return workingDirectory;
    }

    public PostinoProperties properties() {
        return properties;
    }
}
