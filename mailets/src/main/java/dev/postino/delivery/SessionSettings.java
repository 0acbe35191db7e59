package dev.postino.delivery;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

import dev.postino.core.route.TlsPolicy;

/**
 * How to talk to one destination: the name we give in EHLO, the TLS policy, optional AUTH
 * credentials (smarthosts), and the per-phase timeouts of RFC 5321 §4.5.3.2.
 */
public final class SessionSettings {
    /** Login for a smarthost; only ever sent after TLS is up. */
    public static final class Credentials {
        public final String username;
        public final String password;

        public Credentials(String username, String password) {
            this.username = Objects.requireNonNull(username);
            this.password = Objects.requireNonNull(password);
        }

        @Override
        public String toString() {
            return username + ":****";
        }
    }

    /** RFC 5321 §4.5.3.2 timeouts; {@link #rfc5321()} gives the RFC's minimums. */
    public static final class Timeouts {
        public final Duration connect;
        public final Duration greeting;
        public final Duration command;
        public final Duration dataInit;
        public final Duration dataBlock;
        public final Duration dataEnd;

        public Timeouts(Duration connect, Duration greeting, Duration command, Duration dataInit,
                        Duration dataBlock, Duration dataEnd) {
            this.connect = connect;
            this.greeting = greeting;
            this.command = command;
            this.dataInit = dataInit;
            this.dataBlock = dataBlock;
            this.dataEnd = dataEnd;
        }

        /** Connect 30 s (ours), greeting 5 min, MAIL/RCPT/other 5 min, DATA 2 min, block 3 min, end 10 min. */
        public static Timeouts rfc5321() {
            return new Timeouts(Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofMinutes(5),
                Duration.ofMinutes(2), Duration.ofMinutes(3), Duration.ofMinutes(10));
        }

        /** The same value everywhere: for tests and labs. */
        public static Timeouts all(Duration timeout) {
            return new Timeouts(timeout, timeout, timeout, timeout, timeout, timeout);
        }
    }

    private final String heloName;
    private final TlsPolicy tls;
    private final Optional<Credentials> credentials;
    private final Timeouts timeouts;

    public SessionSettings(String heloName, TlsPolicy tls, Optional<Credentials> credentials, Timeouts timeouts) {
        this.heloName = Objects.requireNonNull(heloName, "heloName");
        this.tls = Objects.requireNonNull(tls, "tls");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.timeouts = Objects.requireNonNull(timeouts, "timeouts");
    }

    public String heloName() {
        return heloName;
    }

    public TlsPolicy tls() {
        return tls;
    }

    public Optional<Credentials> credentials() {
        return credentials;
    }

    public Timeouts timeouts() {
        return timeouts;
    }

    /** Sessions may only be reused for the same settings (a pool key part). */
    String poolKey() {
        return heloName + "|" + tls + "|" + credentials.map(c -> c.username).orElse("");
    }
}
