package dev.postino.core.dsn;

import dev.postino.core.smtp.EnhancedStatus;
import dev.postino.core.smtp.SmtpReply;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One recipient's block in a DSN (RFC 3464 §2.3): the address we tried, the one the sender gave
 * (ORCPT, when known), the status code, the remote MTA and its reply, and when we last tried.
 * Immutable; build with {@link #of} and the {@code with…} methods.
 */
public final class DsnRecipient {
    // RFC 3461 §4.2 ORCPT: addr-type ";" address; addr-type is an atom such as rfc822 or utf-8.
    private static final Pattern ORCPT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]*;\\S.*");

    private final String finalRecipient;
    private final Optional<String> originalRecipient;
    private final EnhancedStatus status;
    private final Optional<SmtpReply> reply;
    private final Optional<String> remoteMta;
    private final Instant lastAttempt;
    private final Optional<String> detail;

    private DsnRecipient(String finalRecipient, Optional<String> originalRecipient, EnhancedStatus status,
                         Optional<SmtpReply> reply, Optional<String> remoteMta, Instant lastAttempt) {
        this(finalRecipient, originalRecipient, status, reply, remoteMta, lastAttempt, Optional.empty());
    }

    private DsnRecipient(String finalRecipient, Optional<String> originalRecipient, EnhancedStatus status,
                         Optional<SmtpReply> reply, Optional<String> remoteMta, Instant lastAttempt,
                         Optional<String> detail) {
        this.detail = detail;
        this.finalRecipient = finalRecipient;
        this.originalRecipient = originalRecipient;
        this.status = status;
        this.reply = reply;
        this.remoteMta = remoteMta;
        this.lastAttempt = lastAttempt;
    }

    /** {@code status} agrees with the DSN's kind: {@link DsnRequest.Builder#build()} checks it. */
    public static DsnRecipient of(String finalRecipient, EnhancedStatus status, Instant lastAttempt) {
        MessageText.checkLine("final recipient", finalRecipient);
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(lastAttempt, "lastAttempt");
        return new DsnRecipient(finalRecipient, Optional.empty(), status, Optional.empty(), Optional.empty(),
            lastAttempt);
    }

    /**
     * The RFC 3461 ORCPT parameter, xtext-decoded, as {@code addr-type;address}, e.g.
     * {@code rfc822;Bob@B.test}. Written back verbatim, so the sender recognises the address.
     */
    public DsnRecipient withOriginalRecipient(String orcpt) {
        MessageText.checkLine("original recipient", orcpt);
        if (!ORCPT.matcher(orcpt).matches()) {
            throw new IllegalArgumentException("original recipient must be addr-type;address, got '" + orcpt + "'");
        }
        return new DsnRecipient(finalRecipient, Optional.of(orcpt), status, reply, remoteMta, lastAttempt, detail);
    }

    public DsnRecipient withReply(SmtpReply newReply) {
        return new DsnRecipient(finalRecipient, originalRecipient, status, Optional.of(newReply), remoteMta,
            lastAttempt, detail);
    }

    public DsnRecipient withRemoteMta(String host) {
        MessageText.checkLine("remote MTA", host);
        return new DsnRecipient(finalRecipient, originalRecipient, status, reply, Optional.of(host), lastAttempt, detail);
    }

    /**
     * Our own account of what happened when no remote reply says it (e.g. "the server accepts at
     * most 1 MB"): shown in the human-readable part only, never as a {@code Diagnostic-Code}, which
     * carries the remote's words (RFC 3464 §2.3.6).
     */
    public DsnRecipient withDetail(String text) {
        return new DsnRecipient(finalRecipient, originalRecipient, status, reply, remoteMta, lastAttempt,
            Optional.of(DeliveryStatusFields.oneLine(text)));
    }

    public Optional<String> detail() {
        return detail;
    }

    public String finalRecipient() {
        return finalRecipient;
    }

    public Optional<String> originalRecipient() {
        return originalRecipient;
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

    public Instant lastAttempt() {
        return lastAttempt;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof DsnRecipient)) {
            return false;
        }
        DsnRecipient that = (DsnRecipient) o;
        return finalRecipient.equals(that.finalRecipient) && originalRecipient.equals(that.originalRecipient)
            && status.equals(that.status) && reply.equals(that.reply) && remoteMta.equals(that.remoteMta)
            && lastAttempt.equals(that.lastAttempt) && detail.equals(that.detail);
    }

    @Override
    public int hashCode() {
        return Objects.hash(finalRecipient, originalRecipient, status, reply, remoteMta, lastAttempt, detail);
    }

    @Override
    public String toString() {
        return finalRecipient + " " + status + remoteMta.map(h -> " mx=" + h).orElse("")
            + reply.map(r -> " reply=\"" + r + "\"").orElse("");
    }
}
