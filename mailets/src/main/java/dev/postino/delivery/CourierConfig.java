package dev.postino.delivery;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How {@link SocketSmtpCourier} keeps sessions open between mails, and how far it trusts TLS.
 * Build with {@link #builder()}; {@link #defaults()} is:
 * <ul>
 *   <li>{@code maxIdleTime} 30 s: an idle session older than this is closed (QUIT), not reused;</li>
 *   <li>{@code maxTransactionsPerConnection} 100: a session that has carried this many
 *       deliveries is closed instead of being kept, so no connection lives forever;</li>
 *   <li>{@code maxIdleSessionsPerKey} 10: idle sessions kept per (address, port, settings);
 *       a session beyond that is closed;</li>
 *   <li>{@code verifyCertificatesWhenTlsRequired} false: see the method;</li>
 *   <li>{@code clock} the system clock, for idle times.</li>
 * </ul>
 */
public final class CourierConfig {
    private final Duration maxIdleTime;
    private final int maxTransactionsPerConnection;
    private final int maxIdleSessionsPerKey;
    private final boolean verifyCertificatesWhenTlsRequired;
    private final Clock clock;

    private CourierConfig(Builder builder) {
        this.maxIdleTime = builder.maxIdleTime;
        this.maxTransactionsPerConnection = builder.maxTransactionsPerConnection;
        this.maxIdleSessionsPerKey = builder.maxIdleSessionsPerKey;
        this.verifyCertificatesWhenTlsRequired = builder.verifyCertificatesWhenTlsRequired;
        this.clock = builder.clock;
    }

    public static CourierConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Duration maxIdleTime() {
        return maxIdleTime;
    }

    public int maxTransactionsPerConnection() {
        return maxTransactionsPerConnection;
    }

    public int maxIdleSessionsPerKey() {
        return maxIdleSessionsPerKey;
    }

    /**
     * Whether a {@code REQUIRED} TLS session checks the server's certificate (the JVM's trust
     * store, and the MX host name as the expected identity). Off by default, on purpose: most MX
     * hosts present certificates no public CA vouches for, and MX names come from unsigned DNS,
     * so checking them against the name proves little (RFC 7435 §1.3). With it off, REQUIRED
     * guarantees encryption, not the peer's identity. Opportunistic TLS never verifies.
     *
     * <p>TODO: authenticate MX hosts the way RFC 7672 (DANE, TLSA records) and RFC 8461
     * (MTA-STS) define; until then this one switch is the only knob.
     */
    public boolean verifyCertificatesWhenTlsRequired() {
        return verifyCertificatesWhenTlsRequired;
    }

    public Clock clock() {
        return clock;
    }

    @Override
    public String toString() {
        return "CourierConfig[maxIdleTime=" + maxIdleTime + ", maxTransactionsPerConnection="
            + maxTransactionsPerConnection + ", maxIdleSessionsPerKey=" + maxIdleSessionsPerKey
            + ", verifyCertificatesWhenTlsRequired=" + verifyCertificatesWhenTlsRequired + "]";
    }

    /** Fluent construction; every setter has a default and rejects a bad value at once, naming it. */
    public static final class Builder {
        private Duration maxIdleTime = Duration.ofSeconds(30);
        private int maxTransactionsPerConnection = 100;
        private int maxIdleSessionsPerKey = 10;
        private boolean verifyCertificatesWhenTlsRequired;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** Zero keeps no session idle: every delivery opens and QUITs its own connection. */
        public Builder maxIdleTime(Duration maxIdleTime) {
            Objects.requireNonNull(maxIdleTime, "maxIdleTime");
            if (maxIdleTime.isNegative()) {
                throw new IllegalArgumentException("maxIdleTime must not be negative, got " + maxIdleTime);
            }
            this.maxIdleTime = maxIdleTime;
            return this;
        }

        public Builder maxTransactionsPerConnection(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("maxTransactionsPerConnection must be at least 1, got " + count);
            }
            this.maxTransactionsPerConnection = count;
            return this;
        }

        /** Zero disables pooling. */
        public Builder maxIdleSessionsPerKey(int count) {
            if (count < 0) {
                throw new IllegalArgumentException("maxIdleSessionsPerKey must not be negative, got " + count);
            }
            this.maxIdleSessionsPerKey = count;
            return this;
        }

        public Builder verifyCertificatesWhenTlsRequired(boolean verify) {
            this.verifyCertificatesWhenTlsRequired = verify;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public CourierConfig build() {
            return new CourierConfig(this);
        }
    }
}
