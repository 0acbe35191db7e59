package dev.postino.core.dsn;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a DSN says, minus the identifiers the composer is handed separately: who reports,
 * to whom, about which message and recipients. Immutable; build with {@link #builder}.
 *
 * <p>One DSN reports one kind: all recipients failed, all delayed, all relayed or all delivered
 * (like Postfix, a mail with several gets several notices). A failed recipient's status is 5.x.x,
 * or 4.x.x when we gave up on a transient failure (4.4.7); a delayed one's is 4.x.x; a relayed or
 * delivered one's is 2.x.x (RFC 3464 §2.3.4). Only a delayed DSN says until when we retry.
 */
public final class DsnRequest {
    /** RFC 3464 §2.3.3 {@code Action}: what this DSN reports for its recipients. */
    public enum Kind {
        FAILED, DELAYED,
        /** RFC 3464 §2.3.3: handed on to a next hop that will not report further (RFC 3461 §5.2.2). */
        RELAYED,
        /** RFC 3464 §2.3.3: stored in the recipient's mailbox. */
        DELIVERED,
        /**
         * RFC 3464 §2.3.3: an alias or forwarding address, passed on to its own addresses, which
         * are not named (RFC 3461 §6.2.7.3) and report no further success.
         */
        EXPANDED;

        /** A success notice (NOTIFY=SUCCESS), as opposed to a failure or delay. */
        public boolean isSuccess() {
            return this == RELAYED || this == DELIVERED || this == EXPANDED;
        }

        /** The RFC 3464 §2.3.3 {@code Action} value. */
        public String action() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** RFC 3461 §4.3 {@code RET}: how much of the original the sender wants back. */
    public enum Return {
        FULL, HDRS
    }

    private final Kind kind;
    private final String reportingHost;
    private final Optional<String> from;
    private final String envelopeSender;
    private final Optional<String> envelopeId;
    private final Instant arrival;
    private final List<DsnRecipient> recipients;
    private final Optional<Instant> willRetryUntil;
    private final String originalHeaders;
    private final Optional<String> originalMessage;
    private final Return ret;

    private DsnRequest(Builder b) {
        this.kind = b.kind;
        this.reportingHost = b.reportingHost;
        this.from = b.from;
        this.envelopeSender = b.envelopeSender;
        this.envelopeId = b.envelopeId;
        this.arrival = b.arrival;
        this.recipients = List.copyOf(b.recipients);
        this.willRetryUntil = b.willRetryUntil;
        this.originalHeaders = b.originalHeaders;
        this.originalMessage = b.originalMessage;
        this.ret = b.ret;
    }

    public static Builder builder(Kind kind) {
        return new Builder(Objects.requireNonNull(kind, "kind"));
    }

    /** Collects and, in {@link #build()}, checks a request. */
    public static final class Builder {
        private final Kind kind;
        private String reportingHost;
        private Optional<String> from = Optional.empty();
        private String envelopeSender;
        private Optional<String> envelopeId = Optional.empty();
        private Instant arrival;
        private final List<DsnRecipient> recipients = new ArrayList<>();
        private Optional<Instant> willRetryUntil = Optional.empty();
        private String originalHeaders;
        private Optional<String> originalMessage = Optional.empty();
        private Return ret = Return.HDRS;

        private Builder(Kind kind) {
            this.kind = kind;
        }

        /** Our host name, for {@code Reporting-MTA: dns; host} and the default From address. */
        public Builder reportingHost(String host) {
            this.reportingHost = MessageText.checkLine("reporting host", host);
            return this;
        }

        /** Overrides {@code From:}; default {@code Mail Delivery System <MAILER-DAEMON@reportingHost>}. */
        public Builder from(String mailbox) {
            this.from = Optional.of(MessageText.checkLine("from", mailbox));
            return this;
        }

        /** The original MAIL FROM address, the DSN's {@code To:}. Never the null sender. */
        public Builder envelopeSender(String address) {
            if (address == null || address.isEmpty() || address.equals("<>")) {
                throw new IllegalArgumentException("the null sender gets no DSN (RFC 5321 §4.5.5; see NotifyPolicy)");
            }
            this.envelopeSender = MessageText.checkLine("envelope sender", address);
            return this;
        }

        /** The RFC 3461 ENVID, xtext-decoded. */
        public Builder envelopeId(String envid) {
            this.envelopeId = Optional.of(MessageText.checkLine("envelope id", envid));
            return this;
        }

        public Builder arrival(Instant instant) {
            this.arrival = Objects.requireNonNull(instant, "arrival");
            return this;
        }

        public Builder recipient(DsnRecipient recipient) {
            this.recipients.add(Objects.requireNonNull(recipient, "recipient"));
            return this;
        }

        public Builder recipients(List<DsnRecipient> list) {
            list.forEach(this::recipient);
            return this;
        }

        /** Delayed DSNs only: when we stop trying (arrival + maximal queue lifetime). */
        public Builder willRetryUntil(Instant instant) {
            this.willRetryUntil = Optional.of(instant);
            return this;
        }

        /** The original header block, any line endings. */
        public Builder originalHeaders(String headers) {
            this.originalHeaders = Objects.requireNonNull(headers, "originalHeaders");
            return this;
        }

        /** The whole original message (headers and body), returned when RET=FULL and small enough. */
        public Builder originalMessage(String message) {
            this.originalMessage = Optional.of(message);
            return this;
        }

        public Builder ret(Return value) {
            this.ret = Objects.requireNonNull(value, "ret");
            return this;
        }

        public DsnRequest build() {
            require(reportingHost, "reportingHost");
            require(envelopeSender, "envelopeSender");
            require(arrival, "arrival");
            require(originalHeaders, "originalHeaders");
            if (recipients.isEmpty()) {
                throw new IllegalArgumentException("a DSN reports at least one recipient");
            }
            for (DsnRecipient r : recipients) {
                if (kind == Kind.DELAYED && r.status().statusClass() != 4) {
                    throw new IllegalArgumentException("a delayed recipient needs a 4.x.x status, got " + r);
                }
                if (kind == Kind.FAILED && r.status().isSuccess()) {
                    throw new IllegalArgumentException("a failed recipient needs a 4.x.x or 5.x.x status, got " + r);
                }
                if (kind.isSuccess() && !r.status().isSuccess()) {
                    throw new IllegalArgumentException("a " + kind.action() + " recipient needs a 2.x.x status, got " + r);
                }
            }
            if (kind == Kind.DELAYED && willRetryUntil.isEmpty()) {
                throw new IllegalArgumentException("a delayed DSN says until when we retry: set willRetryUntil");
            }
            if (kind != Kind.DELAYED && willRetryUntil.isPresent()) {
                throw new IllegalArgumentException("a " + kind.action() + " DSN has no willRetryUntil");
            }
            return new DsnRequest(this);
        }

        private static void require(Object value, String name) {
            if (value == null) {
                throw new IllegalArgumentException("DSN request without " + name);
            }
        }
    }

    public Kind kind() {
        return kind;
    }

    public String reportingHost() {
        return reportingHost;
    }

    /** The {@code From:} mailbox to write. */
    public String from() {
        return from.orElse("Mail Delivery System <MAILER-DAEMON@" + reportingHost + ">");
    }

    public String envelopeSender() {
        return envelopeSender;
    }

    public Optional<String> envelopeId() {
        return envelopeId;
    }

    public Instant arrival() {
        return arrival;
    }

    public List<DsnRecipient> recipients() {
        return recipients;
    }

    public Optional<Instant> willRetryUntil() {
        return willRetryUntil;
    }

    public String originalHeaders() {
        return originalHeaders;
    }

    public Optional<String> originalMessage() {
        return originalMessage;
    }

    public Return ret() {
        return ret;
    }
}
