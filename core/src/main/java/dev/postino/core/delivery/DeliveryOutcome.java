package dev.postino.core.delivery;

import dev.postino.core.smtp.EnhancedStatus;
import dev.postino.core.smtp.SmtpReply;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What happened to one recipient in one delivery attempt: the kind, an RFC 3463 status for the
 * DSN's {@code Status:} field, the remote's reply when there was one (for {@code Diagnostic-Code:},
 * RFC 3464 §2.3.6), the phase, the mail exchanger and a human text.
 *
 * <p>The kind always agrees with the status class: DELIVERED ↔ 2.x.x, TEMPORARY ↔ 4.x.x,
 * PERMANENT ↔ 5.x.x. The reply's own code need not agree: a 552 to RCPT is a temporary outcome
 * (see {@link OutcomeClassifier}). DELIVERED at a phase before {@link SmtpPhase#END_OF_DATA} means
 * that step was accepted and the session goes on.
 */
public final class DeliveryOutcome {
    /** Delivered (or step accepted), try again later, or give up and bounce. */
    public enum Kind { DELIVERED, TEMPORARY, PERMANENT }

    private final Kind kind;
    private final EnhancedStatus status;
    private final SmtpPhase phase;
    private final String text;
    private final SmtpReply reply;
    private final String remoteHost;
    private final String remoteIp;
    private final boolean dsnPassedOn;

    private DeliveryOutcome(Kind kind, EnhancedStatus status, SmtpPhase phase, String text,
                            SmtpReply reply, String remoteHost, String remoteIp) {
        this(kind, status, phase, text, reply, remoteHost, remoteIp, false);
    }

    private DeliveryOutcome(Kind kind, EnhancedStatus status, SmtpPhase phase, String text,
                            SmtpReply reply, String remoteHost, String remoteIp, boolean dsnPassedOn) {
        this.kind = kind;
        this.status = status;
        this.phase = phase;
        this.text = text;
        this.reply = reply;
        this.remoteHost = remoteHost;
        this.remoteIp = remoteIp;
        this.dsnPassedOn = dsnPassedOn;
    }

    /** A success; {@code status} must be 2.x.x. */
    public static DeliveryOutcome delivered(EnhancedStatus status, SmtpPhase phase, String text) {
        if (!status.isSuccess()) {
            throw new IllegalArgumentException("a delivered outcome needs a 2.x.x status, got " + status);
        }
        return new DeliveryOutcome(Kind.DELIVERED, status, Objects.requireNonNull(phase, "phase"),
            Objects.requireNonNull(text, "text"), null, null, null);
    }

    /** A failure: TEMPORARY for a 4.x.x status, PERMANENT for 5.x.x. */
    public static DeliveryOutcome failure(EnhancedStatus status, SmtpPhase phase, String text) {
        if (status.isSuccess()) {
            throw new IllegalArgumentException("a failed outcome needs a 4.x.x or 5.x.x status, got " + status);
        }
        return new DeliveryOutcome(status.isPermanent() ? Kind.PERMANENT : Kind.TEMPORARY, status,
            Objects.requireNonNull(phase, "phase"), Objects.requireNonNull(text, "text"), null, null, null);
    }

    /** The same outcome, carrying the remote's reply. */
    public DeliveryOutcome withReply(SmtpReply smtpReply) {
        return new DeliveryOutcome(kind, status, phase, text, Objects.requireNonNull(smtpReply), remoteHost, remoteIp,
            dsnPassedOn);
    }

    /** The same outcome, at this mail exchanger and address. */
    public DeliveryOutcome withRemote(String host, String ip) {
        return new DeliveryOutcome(kind, status, phase, text, reply, Objects.requireNonNull(host, "host"),
            Objects.requireNonNull(ip, "ip"), dsnPassedOn);
    }

    /** The same outcome, at this mail exchanger whose address is not known (or not reached). */
    public DeliveryOutcome withRemoteHost(String host) {
        return new DeliveryOutcome(kind, status, phase, text, reply, Objects.requireNonNull(host, "host"), null,
            dsnPassedOn);
    }

    /**
     * The same outcome, from a next hop that advertised DSN (RFC 3461) and so was handed the
     * recipient's NOTIFY and ORCPT: it reports success itself, we do not (RFC 3461 §5.2.2 "relayed"
     * is for a hop that cannot carry the request).
     */
    public DeliveryOutcome withDsnPassedOn() {
        return new DeliveryOutcome(kind, status, phase, text, reply, remoteHost, remoteIp, true);
    }

    public Kind kind() {
        return kind;
    }

    public EnhancedStatus status() {
        return status;
    }

    public SmtpPhase phase() {
        return phase;
    }

    /** Our words: what happened, for the DSN's human-readable part and the log. */
    public String text() {
        return text;
    }

    /** The remote's words, when it said any. */
    public Optional<SmtpReply> reply() {
        return Optional.ofNullable(reply);
    }

    public Optional<String> remoteHost() {
        return Optional.ofNullable(remoteHost);
    }

    public Optional<String> remoteIp() {
        return Optional.ofNullable(remoteIp);
    }

    /** Whether the next hop took the RFC 3461 DSN parameters (see {@link #withDsnPassedOn}). */
    public boolean dsnPassedOn() {
        return dsnPassedOn;
    }

    public boolean isDelivered() {
        return kind == Kind.DELIVERED;
    }

    public boolean isTemporary() {
        return kind == Kind.TEMPORARY;
    }

    public boolean isPermanent() {
        return kind == Kind.PERMANENT;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof DeliveryOutcome)) {
            return false;
        }
        DeliveryOutcome that = (DeliveryOutcome) o;
        return kind == that.kind && status.equals(that.status) && phase == that.phase && text.equals(that.text)
            && Objects.equals(reply, that.reply) && Objects.equals(remoteHost, that.remoteHost)
            && Objects.equals(remoteIp, that.remoteIp) && dsnPassedOn == that.dsnPassedOn;
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, status, phase, text, reply, remoteHost, remoteIp, dsnPassedOn);
    }

    /** One log-friendly line: {@code permanent 5.1.1 at RCPT mx=mx.b.test[192.0.2.1]: 550 …}. */
    @Override
    public String toString() {
        String remote = remoteHost == null ? "" : " mx=" + remoteHost + (remoteIp == null ? "" : "[" + remoteIp + "]");
        return kind.name().toLowerCase(Locale.ROOT) + " " + status + " at " + phase + remote + ": " + text;
    }
}
