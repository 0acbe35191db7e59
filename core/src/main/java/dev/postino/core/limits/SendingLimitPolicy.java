package dev.postino.core.limits;

import java.time.Instant;
import java.util.Optional;

import dev.postino.core.smtp.EnhancedStatus;
import dev.postino.core.smtp.SmtpReply;

/**
 * The sending-limit decisions of one SMTP transaction, from the limits in force, the sender's
 * {@link SendLog} and the time. Exactly at a limit is allowed: with 3 messages per hour the
 * third is accepted and the fourth refused.
 *
 * <ul>
 *   <li>MAIL: a message limit (per hour, per day) already reached → {@code 451 4.7.1}.</li>
 *   <li>RCPT: one more recipient would pass the per-message limit, or the per-hour/per-day
 *       recipient limit counting the recipients already accepted in this transaction →
 *       {@code 452 4.5.3} for that recipient only (RFC 5321 §4.5.3.1.10: the client sends to the
 *       others later); the recipients that fit stay accepted.</li>
 *   <li>End of DATA: the whole message is checked once more ({@code 451 4.7.1}) before it is
 *       counted, because another session of the same user may have used the room since MAIL.</li>
 * </ul>
 *
 * All are temporary failures on purpose: the client keeps the mail and retries, nothing is lost.
 */
public final class SendingLimitPolicy {
    /** RFC 3463 4.7.1: delivery not authorized (for now), the sender's quota. */
    public static final SmtpReply MESSAGE_LIMIT_REACHED =
        SmtpReply.of(451, EnhancedStatus.of(4, 7, 1), "Sending limit reached, try again later");
    /** RFC 3463 4.5.3: too many recipients; RFC 5321 §4.5.3.1.10 uses 452 for it. */
    public static final SmtpReply RECIPIENT_LIMIT_REACHED =
        SmtpReply.of(452, EnhancedStatus.of(4, 5, 3), "Too many recipients, send to the others later");

    private static final LimitKind[] MESSAGE_WINDOWS = {LimitKind.MESSAGES_PER_HOUR, LimitKind.MESSAGES_PER_DAY};
    private static final LimitKind[] RECIPIENT_WINDOWS = {LimitKind.RECIPIENTS_PER_HOUR, LimitKind.RECIPIENTS_PER_DAY};

    private SendingLimitPolicy() {
    }

    public static Optional<LimitRefusal> atMail(SendingLimits limits, SendLog log, Instant now) {
        return messageWindows(limits, log, now, MESSAGE_LIMIT_REACHED);
    }

    /** @param accepted recipients already accepted in this transaction */
    public static Optional<LimitRefusal> atRcpt(SendingLimits limits, SendLog log, Instant now, int accepted) {
        long perMessage = limits.limit(LimitKind.RECIPIENTS_PER_MESSAGE);
        if (exceeds(accepted, 1, perMessage)) {
            return Optional.of(new LimitRefusal(LimitKind.RECIPIENTS_PER_MESSAGE, perMessage, accepted,
                RECIPIENT_LIMIT_REACHED, Optional.empty()));
        }
        return recipientWindows(limits, log, now, accepted, 1, RECIPIENT_LIMIT_REACHED);
    }

    /** @param recipients the recipients of the message about to be accepted */
    public static Optional<LimitRefusal> atEndOfData(SendingLimits limits, SendLog log, Instant now, int recipients) {
        Optional<LimitRefusal> messages = messageWindows(limits, log, now, MESSAGE_LIMIT_REACHED);
        if (messages.isPresent()) {
            return messages;
        }
        long perMessage = limits.limit(LimitKind.RECIPIENTS_PER_MESSAGE);
        if (exceeds(0, recipients, perMessage)) {
            return Optional.of(new LimitRefusal(LimitKind.RECIPIENTS_PER_MESSAGE, perMessage, recipients,
                MESSAGE_LIMIT_REACHED, Optional.empty()));
        }
        return recipientWindows(limits, log, now, 0, recipients, MESSAGE_LIMIT_REACHED);
    }

    private static Optional<LimitRefusal> messageWindows(SendingLimits limits, SendLog log, Instant now, SmtpReply reply) {
        for (LimitKind kind : MESSAGE_WINDOWS) {
            long limit = limits.limit(kind);
            Window window = kind.window().orElseThrow();
            long used = log.count(window, now).messages();
            if (exceeds(used, 1, limit)) {
                return Optional.of(new LimitRefusal(kind, limit, used, reply, log.freesAt(window, now, limit - 1, false)));
            }
        }
        return Optional.empty();
    }

    private static Optional<LimitRefusal> recipientWindows(SendingLimits limits, SendLog log, Instant now,
                                                           int pending, int adding, SmtpReply reply) {
        for (LimitKind kind : RECIPIENT_WINDOWS) {
            long limit = limits.limit(kind);
            Window window = kind.window().orElseThrow();
            long used = log.count(window, now).recipients() + pending;
            if (exceeds(used, adding, limit)) {
                Optional<Instant> freesAt = exceeds(pending, adding, limit) ? Optional.empty()
                    : log.freesAt(window, now, limit - pending - adding, true);
                return Optional.of(new LimitRefusal(kind, limit, used, reply, freesAt));
            }
        }
        return Optional.empty();
    }

    /** {@code used + adding > limit}, without overflow for {@link LimitText#UNLIMITED}. */
    private static boolean exceeds(long used, long adding, long limit) {
        return adding > limit - used;
    }
}
