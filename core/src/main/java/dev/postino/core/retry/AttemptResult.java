package dev.postino.core.retry;

import dev.postino.core.smtp.EnhancedStatus;
import dev.postino.core.smtp.SmtpReply;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What one delivery attempt did for one recipient: delivered, temporary or permanent failure,
 * the RFC 3463 status we report, the remote server's reply when there was one (none when the
 * connection or DNS failed) and the remote MTA's host name when one was reached. Immutable.
 *
 * <p>The status class must agree with the kind (2 delivered, 4 temporary, 5 permanent), so a DSN
 * built from it never says {@code Action: delayed} next to a {@code 5.x.x} status. The classifier
 * that turns a reply into a kind decides, and sets the class to match
 * ({@link EnhancedStatus#withClass}).
 *
 * <p>When there was no reply (the connection or DNS failed, a static route refused), an optional
 * detail keeps our own words for it ("connection refused by 192.0.2.1:25"), so the queue view and
 * the delay DSN can say what went wrong; see {@link #withDetail}.
 */
public final class AttemptResult {
    /** How the attempt ended for this recipient. */
    public enum Kind {
        DELIVERED, TEMPORARY, PERMANENT
    }

    private final String recipient;
    private final Kind kind;
    private final EnhancedStatus status;
    private final Optional<SmtpReply> reply;
    private final Optional<String> remoteMta;
    private final Instant at;
    private final Optional<String> detail;

    private AttemptResult(String recipient, Kind kind, EnhancedStatus status, Optional<SmtpReply> reply,
                          Optional<String> remoteMta, Instant at, Optional<String> detail) {
        this.recipient = recipient;
        this.kind = kind;
        this.status = status;
        this.reply = reply;
        this.remoteMta = remoteMta;
        this.at = at;
        this.detail = detail;
    }

    public static AttemptResult of(String recipient, Kind kind, EnhancedStatus status, Optional<SmtpReply> reply,
                                   Optional<String> remoteMta, Instant at) {
        checkText("recipient", recipient);
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reply, "reply");
        Objects.requireNonNull(remoteMta, "remoteMta");
        Objects.requireNonNull(at, "at");
        remoteMta.ifPresent(h -> checkText("remote MTA", h));
        int expected = kind == Kind.DELIVERED ? 2 : kind == Kind.TEMPORARY ? 4 : 5;
        if (status.statusClass() != expected) {
            throw new IllegalArgumentException("a " + kind + " result needs a " + expected + ".x.x status, got " + status
                + " for " + recipient);
        }
        return new AttemptResult(recipient, kind, status, reply, remoteMta, at, Optional.empty());
    }

    public static AttemptResult delivered(String recipient, SmtpReply reply, String remoteMta, Instant at) {
        return of(recipient, Kind.DELIVERED, reply.enhancedStatus().filter(EnhancedStatus::isSuccess)
            .orElse(EnhancedStatus.of(2, 0, 0)), Optional.of(reply), Optional.of(remoteMta), at);
    }

    public static AttemptResult temporary(String recipient, EnhancedStatus status, Optional<SmtpReply> reply,
                                          Optional<String> remoteMta, Instant at) {
        return of(recipient, Kind.TEMPORARY, status, reply, remoteMta, at);
    }

    public static AttemptResult permanent(String recipient, EnhancedStatus status, Optional<SmtpReply> reply,
                                          Optional<String> remoteMta, Instant at) {
        return of(recipient, Kind.PERMANENT, status, reply, remoteMta, at);
    }

    static void checkText(String what, String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw new IllegalArgumentException(what + " contains a control character: '" + value + "'");
            }
        }
    }

    /** The same attempt reported under another status of the same class, e.g. 4.4.7 on giving up. */
    AttemptResult withStatus(EnhancedStatus newStatus) {
        AttemptResult changed = of(recipient, kind, newStatus, reply, remoteMta, at);
        return detail.map(changed::withDetail).orElse(changed);
    }

    /** The same result with our own words on what happened (one line, no control characters). */
    public AttemptResult withDetail(String text) {
        checkText("detail", text);
        return new AttemptResult(recipient, kind, status, reply, remoteMta, at, Optional.of(text));
    }

    /** Our words on what happened, when we kept them; the remote's words are in {@link #reply()}. */
    public Optional<String> detail() {
        return detail;
    }

    public String recipient() {
        return recipient;
    }

    public Kind kind() {
        return kind;
    }

    public EnhancedStatus status() {
        return status;
    }

    public Optional<SmtpReply> reply() {
        return reply;
    }

    public Optional<String> remoteMta() {
        return remoteMta;
    }

    public Instant at() {
        return at;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof AttemptResult)) {
            return false;
        }
        AttemptResult that = (AttemptResult) o;
        return recipient.equals(that.recipient) && kind == that.kind && status.equals(that.status)
            && reply.equals(that.reply) && remoteMta.equals(that.remoteMta) && at.equals(that.at)
            && detail.equals(that.detail);
    }

    @Override
    public int hashCode() {
        return Objects.hash(recipient, kind, status, reply, remoteMta, at, detail);
    }

    /** One log-friendly line: {@code bob@b.test TEMPORARY 4.2.2 mx=mx.b.test reply="452 4.2.2 full"}. */
    @Override
    public String toString() {
        return recipient + " " + kind + " " + status + remoteMta.map(h -> " mx=" + h).orElse("")
            + reply.map(r -> " reply=\"" + r + "\"").orElse("") + detail.map(d -> " detail=\"" + d + "\"").orElse("");
    }
}
