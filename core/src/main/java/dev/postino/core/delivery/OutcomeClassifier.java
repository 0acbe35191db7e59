package dev.postino.core.delivery;

import dev.postino.core.smtp.EnhancedStatus;
import dev.postino.core.smtp.SmtpReply;
import java.util.Optional;

/**
 * The one place the outbound error policy lives (like Postfix's {@code smtp_trouble.c}): turns
 * what a delivery attempt met, a reply or a transport failure, into a {@link DeliveryOutcome},
 * and says whether the next mail exchanger should be tried.
 *
 * <h2>Replies</h2>
 * <ol>
 *   <li>Only the first digit decides (RFC 5321 §4.2.1). DATA expects 3yz, AUTH 2yz or 3yz (334
 *       is a challenge, RFC 4954 §4), every other step 2yz (RFC 5321 §4.3.2, RFC 3207 §4). The
 *       expected class → DELIVERED (step accepted), with the reply's 2.x.x status or 2.0.0.</li>
 *   <li>A positive reply of the wrong class → TEMPORARY 4.5.0 (RFC 3463 protocol status): the
 *       server is confused, which costs a retry, never the mail.</li>
 *   <li>4yz → TEMPORARY, 5yz → PERMANENT, except:
 *     <ul>
 *       <li>552 to RCPT → TEMPORARY (RFC 5321 §4.5.3.1.10: it means "too many recipients", to be
 *           treated as 452).</li>
 *       <li>any 5yz to AUTH → TEMPORARY, on purpose: a refused login is our configuration's
 *           fault, and the admin can fix it without the queued mail being bounced.</li>
 *     </ul></li>
 *   <li>Status: the reply's enhanced code when it has one of the reply's class (RFC 3463 §2), else
 *       derived by {@link #deriveStatus}; then moved to the outcome's class (5.2.2 → 4.2.2).</li>
 * </ol>
 *
 * <h2>Transport failures</h2>
 * Always TEMPORARY, unknown ones too: refused, or timed out while connecting → 4.4.1 (no answer
 * from host); timed out later or lost → 4.4.2 (bad connection); TLS handshake failed → 4.7.5
 * (cryptographic failure); TLS required but not offered → 4.7.4 (security features not
 * supported); malformed reply → 4.5.0; unknown → 4.0.0.
 *
 * <h2>Next host</h2>
 * See {@link #tryNextHost(SmtpPhase, DeliveryOutcome)}.
 */
public final class OutcomeClassifier {
    private static final EnhancedStatus OK = EnhancedStatus.of(2, 0, 0);
    private static final EnhancedStatus RELAY_MISCONFIGURED = EnhancedStatus.of(4, 3, 5);

    /** The outcome of one reply to the command of {@code phase}. There is no reply at CONNECT. */
    public DeliveryOutcome classify(SmtpPhase phase, SmtpReply reply) {
        if (phase == SmtpPhase.CONNECT) {
            throw new IllegalArgumentException("no SMTP reply exists at CONNECT; the greeting is GREETING");
        }
        int replyClass = reply.code() / 100;
        String said = reply + " (in reply to " + phase.label() + ")";
        if (replyClass == 2 || replyClass == 3) {
            if (!expected(phase, replyClass)) {
                return DeliveryOutcome.failure(EnhancedStatus.of(4, 5, 0), phase, "unexpected reply " + said)
                    .withReply(reply);
            }
            EnhancedStatus status = reply.enhancedStatus().filter(EnhancedStatus::isSuccess).orElse(OK);
            return DeliveryOutcome.delivered(status, phase, said).withReply(reply);
        }
        int outcomeClass = temporaryDespite5yz(phase, reply.code()) ? 4 : replyClass;
        EnhancedStatus status = reply.enhancedStatus().filter(s -> s.statusClass() == replyClass)
            .orElseGet(() -> deriveStatus(phase, reply.code()));
        return DeliveryOutcome.failure(status.withClass(outcomeClass), phase, said).withReply(reply);
    }

    /** The outcome of a failure that left no reply; always TEMPORARY. {@code detail} may be empty. */
    public DeliveryOutcome classify(SmtpPhase phase, TransportFailure failure, String detail) {
        String text = failure.description() + " during " + phase.label()
            + (detail == null || detail.isEmpty() ? "" : ": " + detail);
        return DeliveryOutcome.failure(transportStatus(phase, failure), phase, text);
    }

    /**
     * Whether the engine should go on to the next mail exchanger (for the recipients this outcome
     * concerns) rather than settle them with this outcome:
     * <ul>
     *   <li>never after DELIVERED;</li>
     *   <li>always after a failure while setting up the session (CONNECT through AUTH), 5yz
     *       greetings included: they describe that host, and another one may serve (RFC 5321
     *       §5.1: try each address in turn until one succeeds; Postfix's
     *       {@code smtp_skip_5xx_greeting});</li>
     *   <li>after any TEMPORARY outcome in the mail transaction, as Postfix keeps soft-failed
     *       recipients for the next server;</li>
     *   <li>never after a PERMANENT outcome in the mail transaction: the domain's servers share one
     *       policy, and asking the next one would only repeat the refusal.</li>
     * </ul>
     * When the last host fails, the outcome of that attempt stands.
     */
    public boolean tryNextHost(SmtpPhase phase, DeliveryOutcome outcome) {
        if (outcome.isDelivered()) {
            return false;
        }
        return phase.isSessionSetup() || outcome.isTemporary();
    }

    /**
     * The outcome at a relay that our configuration names (a static route's host), rather than at
     * a recipient domain's own mail exchangers. A permanent failure before the mail transaction
     * there — the relay's name does not resolve, it has no address, mail for it loops back to us,
     * it refuses the session — says our configuration is wrong, not that the recipient is
     * unreachable: TEMPORARY 4.3.5 (RFC 3463 system incorrectly configured), keeping the reply,
     * so the admin can fix the route without the queued mail being bounced (Postfix does the same
     * for its relayhost). Refusals inside the transaction (MAIL, RCPT, data) are the relay's
     * verdict on this mail and stand.
     */
    public DeliveryOutcome atConfiguredRelay(DeliveryOutcome outcome) {
        if (!outcome.isPermanent() || !outcome.phase().isSessionSetup()) {
            return outcome;
        }
        DeliveryOutcome soft = DeliveryOutcome.failure(RELAY_MISCONFIGURED, outcome.phase(),
            "relay configuration problem: " + outcome.text());
        if (outcome.reply().isPresent()) {
            soft = soft.withReply(outcome.reply().get());
        }
        if (outcome.remoteHost().isPresent()) {
            soft = outcome.remoteIp().isPresent() ? soft.withRemote(outcome.remoteHost().get(), outcome.remoteIp().get())
                : soft.withRemoteHost(outcome.remoteHost().get());
        }
        return soft;
    }

    /** As {@link #tryNextHost(SmtpPhase, DeliveryOutcome)} at the outcome's own phase. */
    public boolean tryNextHost(DeliveryOutcome outcome) {
        return tryNextHost(outcome.phase(), outcome);
    }

    private static boolean expected(SmtpPhase phase, int replyClass) {
        switch (phase) {
            case DATA:
                return replyClass == 3;
            case AUTH:
                return true;
            default:
                return replyClass == 2;
        }
    }

    private static boolean temporaryDespite5yz(SmtpPhase phase, int code) {
        return (phase == SmtpPhase.RCPT && code == 552) || phase == SmtpPhase.AUTH;
    }

    /**
     * The status for a 4yz/5yz reply without a usable enhanced code, in the reply's class (the
     * caller moves it to the outcome's class, so 552 to RCPT ends as 4.5.3). Only
     * codes whose meaning is fixed by an RFC get a specific status; everything else is X.0.0, as
     * guessing 5.1.1 from a bare 550 would tell the sender a mailbox is gone when it may be policy.
     */
    static EnhancedStatus deriveStatus(SmtpPhase phase, int code) {
        Optional<EnhancedStatus> known = knownStatus(phase, code);
        if (known.isPresent()) {
            return known.get();
        }
        // RFC 4954 §6: the AUTH failures are security statuses, X.7.0 when nothing more precise.
        return EnhancedStatus.of(code / 100, phase == SmtpPhase.AUTH ? 7 : 0, 0);
    }

    private static Optional<EnhancedStatus> knownStatus(SmtpPhase phase, int code) {
        boolean transaction = phase == SmtpPhase.MAIL || phase == SmtpPhase.DATA || phase == SmtpPhase.END_OF_DATA;
        switch (code) {
            case 421: // RFC 5321 §3.8: service not available, closing; RFC 3463 X.3.2 not accepting messages
                return status(4, 3, 2);
            case 451: // RFC 5321 §4.2.3: local error in processing; RFC 3463 X.3.0 mail system status
                return status(4, 3, 0);
            case 452: // RFC 5321 §4.5.3.1.10: too many recipients at RCPT (X.5.3); else storage (X.3.1)
                return phase == SmtpPhase.RCPT ? status(4, 5, 3) : status(4, 3, 1);
            case 454: // RFC 3207 §4 TLS not available, RFC 4954 §6 temporary authentication failure
                return status(4, 7, 0);
            case 530: // RFC 4954 §6: authentication required
                return status(5, 7, 0);
            case 534: // RFC 4954 §6: authentication mechanism is too weak
                return status(5, 7, 9);
            case 535: // RFC 4954 §6: authentication credentials invalid
                return status(5, 7, 8);
            case 538: // RFC 4954 §6: encryption required for requested authentication mechanism
                return status(5, 7, 11);
            case 552: // RFC 5321 §4.5.3.1.10 at RCPT, like 452; else RFC 1870 §6.1 message too big
                return phase == SmtpPhase.RCPT ? status(5, 5, 3) : transaction ? status(5, 3, 4) : Optional.empty();
            case 553: // RFC 5321 §4.2.3 mailbox name not allowed: sender's (X.1.7) or recipient's (X.1.3)
                return phase == SmtpPhase.MAIL ? status(5, 1, 7) : phase == SmtpPhase.RCPT ? status(5, 1, 3) : Optional.empty();
            case 554: // RFC 5321 §3.1: "554 no SMTP service here" as a greeting; X.3.2
                return phase == SmtpPhase.GREETING ? status(5, 3, 2) : Optional.empty();
            default:
                return Optional.empty();
        }
    }

    private static Optional<EnhancedStatus> status(int statusClass, int subject, int detail) {
        return Optional.of(EnhancedStatus.of(statusClass, subject, detail));
    }

    private static EnhancedStatus transportStatus(SmtpPhase phase, TransportFailure failure) {
        switch (failure) {
            case CONNECTION_REFUSED: // RFC 3463 X.4.1 no answer from host
                return EnhancedStatus.of(4, 4, 1);
            case TIMEOUT: // X.4.1 when the connection was never answered, X.4.2 bad connection after
                return phase == SmtpPhase.CONNECT ? EnhancedStatus.of(4, 4, 1) : EnhancedStatus.of(4, 4, 2);
            case CONNECTION_LOST: // X.4.2 bad connection
                return EnhancedStatus.of(4, 4, 2);
            case TLS_FAILED: // X.7.5 cryptographic failure
                return EnhancedStatus.of(4, 7, 5);
            case TLS_REQUIRED_BUT_NOT_OFFERED: // X.7.4 security features not supported
                return EnhancedStatus.of(4, 7, 4);
            case PROTOCOL_ERROR: // X.5.0 other or undefined protocol status
                return EnhancedStatus.of(4, 5, 0);
            default: // unknown means temporary: 4.0.0, never a bounce
                return EnhancedStatus.of(4, 0, 0);
        }
    }
}
