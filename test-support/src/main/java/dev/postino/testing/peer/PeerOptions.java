package dev.postino.testing.peer;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How a {@link ScriptedSmtpPeer} listens and what it offers. Build with {@link #builder()};
 * {@link #defaults()} is 127.0.0.1, a random port, no STARTTLS, no AUTH, 10 MB messages.
 *
 * @param bindAddress    where to listen (an IP literal, never a DNS name)
 * @param port           0 for a random free port, kept across restarts
 * @param hostname       the name in the greeting and EHLO reply
 * @param extensions     EHLO keywords, sent verbatim except that STARTTLS and AUTH are derived:
 *                       STARTTLS is offered only when {@code startTls} is on (and TLS is not
 *                       yet active), {@code AUTH PLAIN LOGIN} is added when credentials are set
 *                       and the list names no AUTH line of its own
 * @param startTls       offer and accept STARTTLS with the JVM's {@link SelfSignedCertificate}
 * @param username       AUTH user, or null for no AUTH (every attempt then fails with 535)
 * @param password       AUTH password, or null
 * @param maxMessageSize bytes after dot-unstuffing; bigger messages get 552 (and SIZE= too)
 * @param readTimeout    idle time on a connection before the peer says 421 and closes
 * @param maxConnections connections served at once; more are told 421 and closed
 */
public record PeerOptions(
    InetAddress bindAddress,
    int port,
    String hostname,
    List<String> extensions,
    boolean startTls,
    String username,
    String password,
    long maxMessageSize,
    Duration readTimeout,
    int maxConnections) {

    public static final long DEFAULT_MAX_MESSAGE_SIZE = 10L * 1024 * 1024;

    public PeerOptions {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(hostname, "hostname");
        extensions = List.copyOf(extensions);
        Objects.requireNonNull(readTimeout, "readTimeout");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, got " + port);
        }
        if (maxMessageSize < 1 || maxMessageSize > Integer.MAX_VALUE - 1024) {
            throw new IllegalArgumentException("maxMessageSize must be 1..~2 GB, got " + maxMessageSize);
        }
        if (readTimeout.isNegative() || readTimeout.isZero()) {
            throw new IllegalArgumentException("readTimeout must be positive, got " + readTimeout);
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be at least 1, got " + maxConnections);
        }
        if ((username == null) != (password == null)) {
            throw new IllegalArgumentException("set both username and password, or neither");
        }
    }

    /**
     * The EHLO keywords to offer: {@link #extensions()} without STARTTLS, then STARTTLS while
     * it is configured and not yet in force (RFC 3207 §4.2: not offered again after the
     * handshake), then {@code AUTH PLAIN LOGIN} if credentials are set and the list has no AUTH.
     */
    public List<String> ehloKeywords(boolean tlsActive) {
        List<String> offered = new ArrayList<>();
        boolean ownAuth = false;
        for (String extension : extensions) {
            String keyword = extension.trim().split(" ", 2)[0].toUpperCase(Locale.ROOT);
            ownAuth |= keyword.equals("AUTH");
            if (!keyword.equals("STARTTLS")) {
                offered.add(extension);
            }
        }
        if (startTls && !tlsActive) {
            offered.add("STARTTLS");
        }
        if (!ownAuth && username != null) {
            offered.add("AUTH PLAIN LOGIN");
        }
        return offered;
    }

    public static PeerOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Fluent construction; every setter has a default. */
    public static final class Builder {
        private InetAddress bindAddress = InetAddress.getLoopbackAddress();
        private int port;
        private String hostname = "peer.test";
        private List<String> extensions;
        private boolean startTls;
        private String username;
        private String password;
        private long maxMessageSize = DEFAULT_MAX_MESSAGE_SIZE;
        private Duration readTimeout = Duration.ofSeconds(30);
        private int maxConnections = 16;

        private Builder() {
        }

        /** An IP literal such as {@code 127.0.0.1} or {@code ::1}; names are refused, no DNS here. */
        public Builder bind(String ipLiteral) {
            if (!ipLiteral.matches("[0-9a-fA-F:.]+(%\\w+)?") || !(ipLiteral.contains(".") || ipLiteral.contains(":"))) {
                throw new IllegalArgumentException("bind needs an IP literal, got '" + ipLiteral + "'");
            }
            try {
                this.bindAddress = InetAddress.getByName(ipLiteral);
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("bind needs an IP literal, got '" + ipLiteral + "'", e);
            }
            return this;
        }

        public Builder bind(InetAddress address) {
            this.bindAddress = address;
            return this;
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder hostname(String hostname) {
            this.hostname = hostname;
            return this;
        }

        /** Replaces the default list ({@code 8BITMIME PIPELINING DSN ENHANCEDSTATUSCODES SIZE <max>}). */
        public Builder extensions(String... extensions) {
            this.extensions = List.of(extensions);
            return this;
        }

        public Builder startTls(boolean startTls) {
            this.startTls = startTls;
            return this;
        }

        public Builder credentials(String username, String password) {
            this.username = Objects.requireNonNull(username, "username");
            this.password = Objects.requireNonNull(password, "password");
            return this;
        }

        public Builder maxMessageSize(long bytes) {
            this.maxMessageSize = bytes;
            return this;
        }

        public Builder readTimeout(Duration readTimeout) {
            this.readTimeout = readTimeout;
            return this;
        }

        public Builder maxConnections(int maxConnections) {
            this.maxConnections = maxConnections;
            return this;
        }

        public PeerOptions build() {
            List<String> ehlo = extensions != null ? extensions
                : List.of("8BITMIME", "PIPELINING", "DSN", "ENHANCEDSTATUSCODES", "SIZE " + maxMessageSize);
            return new PeerOptions(bindAddress, port, hostname, ehlo, startTls, username, password,
                maxMessageSize, readTimeout, maxConnections);
        }
    }
}
