package dev.postino.core.size;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import dev.postino.core.smtp.EnhancedStatus;
import dev.postino.core.smtp.SmtpReply;

/**
 * What to answer, and to do, about a message's size at each point where it becomes known:
 * declared at MAIL ({@code SIZE=}, RFC 1870), per recipient at RCPT, counted at the end of DATA,
 * and after acceptance (mail that did not come over SMTP, or that fits some recipients only).
 * The limits come from the store at each decision.
 *
 * <p>Every refusal is {@code 552 5.3.4} (RFC 1870 §6.1; RFC 3463 5.3.4 "message too big for
 * system"). The texts are short and generic; the limits themselves go to the log, not to the
 * client.
 */
public final class SizePolicy {
    public static final EnhancedStatus TOO_BIG = EnhancedStatus.of(5, 3, 4);
    static final SmtpReply SENDER_REFUSAL = SmtpReply.of(552, TOO_BIG, "Message size exceeds fixed maximum message size");
    static final SmtpReply RECIPIENT_REFUSAL = SmtpReply.of(552, TOO_BIG, "Message too big for this recipient");

    /** What becomes of an accepted mail that is too big for some of its recipients. */
    public enum AfterAcceptance {
        /** A failure DSN (5.3.4) to the sender: they authenticated, so they are ours and real. */
        BOUNCE,
        /**
         * No DSN: the sender is unauthenticated and maybe forged, and a bounce would be backscatter.
         * The mail is kept for the administrator instead.
         */
        KEEP
    }

    private final SizeLimitStore store;

    public SizePolicy(SizeLimitStore store) {
        this.store = store;
    }

    /**
     * At MAIL with {@code SIZE=declared}: refused when no recipient at all could take it from this
     * sender. {@code submitter} is the authenticated user, empty when the session is not.
     */
    public Optional<SmtpReply> atMail(long declared, Optional<String> submitter) {
        return declared > store.limits().ceilingFor(submitter) ? Optional.of(SENDER_REFUSAL) : Optional.empty();
    }

    /** At RCPT, when SIZE was declared: refuses this recipient only, the others are still accepted. */
    public Optional<SmtpReply> atRcpt(long declared, Optional<String> submitter, String recipient) {
        return declared > store.limits().limitFor(submitter, recipient) ? Optional.of(RECIPIENT_REFUSAL) : Optional.empty();
    }

    /**
     * At the end of DATA, with the message's real size. RFC 5321 allows one answer for the whole
     * message here, so: refused when it is too big for every recipient, and — from an
     * unauthenticated sender — when it is too big for any, because we must never bounce to an
     * outsider (their own server tells them, with our 552). An authenticated sender's mail that fits
     * some recipients is accepted; {@link #afterAcceptance} bounces it for the others.
     */
    public Optional<SmtpReply> atEndOfData(long size, Optional<String> submitter, Collection<String> recipients) {
        List<String> tooBig = oversized(size, submitter, recipients);
        if (tooBig.isEmpty()) {
            return Optional.empty();
        }
        if (submitter.isEmpty() || tooBig.size() == recipients.size()) {
            return Optional.of(SENDER_REFUSAL);
        }
        return Optional.empty();
    }

    /** The recipients whose limit {@code size} exceeds, in the given order. */
    public List<String> oversized(long size, Optional<String> submitter, Collection<String> recipients) {
        SizeLimits limits = store.limits();
        List<String> tooBig = new ArrayList<>();
        for (String recipient : recipients) {
            if (size > limits.limitFor(submitter, recipient)) {
                tooBig.add(recipient);
            }
        }
        return tooBig;
    }

    public AfterAcceptance afterAcceptance(Optional<String> submitter) {
        return submitter.isPresent() ? AfterAcceptance.BOUNCE : AfterAcceptance.KEEP;
    }

    /** The DSN's words for one recipient: {@code message size 2.1 MB exceeds the limit of 1 MB for …}. */
    public String explain(long size, Optional<String> submitter, String recipient) {
        long limit = store.limits().limitFor(submitter, recipient);
        return "message size " + SizeText.human(size, true) + " exceeds the limit of "
            + SizeText.human(limit, false) + " for mail to " + recipient;
    }
}
