package dev.postino.core.size;

import java.util.Collections;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The message size limits of a server, and which one applies to a (sender, recipient) pair.
 *
 * <ul>
 *   <li>A <em>submission</em> limit belongs to the authenticated user who sends: the user's own
 *       limit, else their domain's. Mail from an unauthenticated session has none.</li>
 *   <li>An <em>inbound</em> limit belongs to a recipient address: the address's own limit, else its
 *       domain's.</li>
 *   <li>For a pair: when both sides have a limit, the smaller one (both must agree to carry the
 *       mail); when one side has a limit, that one (so a limit can be higher than the global one:
 *       {@code ceo@a.test} may send 50 MB under a global 25 MB); when neither has one, the global
 *       limit.</li>
 * </ul>
 *
 * A message exactly at its limit fits (RFC 1870 §4: "exceeds" is the refusal). Addresses and
 * domains match without regard to case.
 */
public final class SizeLimits {
    /** No limit at all (also what a side without any configured limit gets as ceiling). */
    public static final long UNLIMITED = Long.MAX_VALUE;

    private final long global;
    private final Map<String, Long> submissionUsers;
    private final Map<String, Long> submissionDomains;
    private final Map<String, Long> inboundUsers;
    private final Map<String, Long> inboundDomains;

    private SizeLimits(Builder builder) {
        this.global = builder.global;
        this.submissionUsers = Collections.unmodifiableMap(new HashMap<>(builder.submissionUsers));
        this.submissionDomains = Collections.unmodifiableMap(new HashMap<>(builder.submissionDomains));
        this.inboundUsers = Collections.unmodifiableMap(new HashMap<>(builder.inboundUsers));
        this.inboundDomains = Collections.unmodifiableMap(new HashMap<>(builder.inboundDomains));
    }

    /** No limit anywhere. */
    public static SizeLimits none() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The limit for one recipient of a mail sent by {@code submitter} (empty: not authenticated). */
    public long limitFor(Optional<String> submitter, String recipient) {
        OptionalLong sender = submissionLimit(submitter);
        OptionalLong receiver = inboundLimit(recipient);
        if (sender.isPresent() && receiver.isPresent()) {
            return Math.min(sender.getAsLong(), receiver.getAsLong());
        }
        if (sender.isPresent()) {
            return sender.getAsLong();
        }
        if (receiver.isPresent()) {
            return receiver.getAsLong();
        }
        return global;
    }

    /**
     * The most any recipient could accept from {@code submitter}: a declared size above it can be
     * refused at MAIL already, before any recipient is named (RFC 1870 §6.1).
     */
    public long ceilingFor(Optional<String> submitter) {
        OptionalLong sender = submissionLimit(submitter);
        if (sender.isPresent()) {
            return sender.getAsLong();
        }
        long ceiling = global;
        for (long limit : inboundUsers.values()) {
            ceiling = Math.max(ceiling, limit);
        }
        for (long limit : inboundDomains.values()) {
            ceiling = Math.max(ceiling, limit);
        }
        return ceiling;
    }

    /** The submitter's own limit: user over domain; empty for an unauthenticated sender. */
    public OptionalLong submissionLimit(Optional<String> submitter) {
        if (submitter.isEmpty()) {
            return OptionalLong.empty();
        }
        return lookup(submitter.get(), submissionUsers, submissionDomains);
    }

    /** The recipient's own limit: address over domain. */
    public OptionalLong inboundLimit(String recipient) {
        return lookup(recipient, inboundUsers, inboundDomains);
    }

    public long global() {
        return global;
    }

    /** The submission limits of single users, by lower-case address. */
    public Map<String, Long> submissionUsers() {
        return submissionUsers;
    }

    /** The submission limits of whole domains, by lower-case domain. */
    public Map<String, Long> submissionDomains() {
        return submissionDomains;
    }

    /** The inbound limits of single addresses, by lower-case address. */
    public Map<String, Long> inboundUsers() {
        return inboundUsers;
    }

    /** The inbound limits of whole domains, by lower-case domain. */
    public Map<String, Long> inboundDomains() {
        return inboundDomains;
    }

    /** A builder holding these limits, to add to or override (later limits for a key replace earlier ones). */
    public Builder toBuilder() {
        Builder builder = builder().global(global);
        builder.submissionUsers.putAll(submissionUsers);
        builder.submissionDomains.putAll(submissionDomains);
        builder.inboundUsers.putAll(inboundUsers);
        builder.inboundDomains.putAll(inboundDomains);
        return builder;
    }

    public boolean isUnlimited() {
        return global == UNLIMITED && submissionUsers.isEmpty() && submissionDomains.isEmpty()
            && inboundUsers.isEmpty() && inboundDomains.isEmpty();
    }

    private static OptionalLong lookup(String address, Map<String, Long> users, Map<String, Long> domains) {
        String key = lower(address);
        Long user = users.get(key);
        if (user != null) {
            return OptionalLong.of(user);
        }
        int at = key.lastIndexOf('@');
        Long domain = at < 0 ? null : domains.get(key.substring(at + 1));
        return domain == null ? OptionalLong.empty() : OptionalLong.of(domain);
    }

    private static String lower(String text) {
        return text.toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return "SizeLimits{global=" + global + ", submissionUsers=" + submissionUsers + ", submissionDomains="
            + submissionDomains + ", inboundUsers=" + inboundUsers + ", inboundDomains=" + inboundDomains + "}";
    }

    /** Limits in bytes; {@link #UNLIMITED} for none. */
    public static final class Builder {
        private long global = UNLIMITED;
        private final Map<String, Long> submissionUsers = new HashMap<>();
        private final Map<String, Long> submissionDomains = new HashMap<>();
        private final Map<String, Long> inboundUsers = new HashMap<>();
        private final Map<String, Long> inboundDomains = new HashMap<>();

        private Builder() {
        }

        public Builder global(long bytes) {
            this.global = check(bytes);
            return this;
        }

        public Builder submissionUser(String address, long bytes) {
            submissionUsers.put(lower(address), check(bytes));
            return this;
        }

        public Builder submissionDomain(String domain, long bytes) {
            submissionDomains.put(lower(domain), check(bytes));
            return this;
        }

        public Builder inboundUser(String address, long bytes) {
            inboundUsers.put(lower(address), check(bytes));
            return this;
        }

        public Builder inboundDomain(String domain, long bytes) {
            inboundDomains.put(lower(domain), check(bytes));
            return this;
        }

        public SizeLimits build() {
            return new SizeLimits(this);
        }

        private static long check(long bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("a size limit is not negative: " + bytes);
            }
            return bytes;
        }
    }
}
