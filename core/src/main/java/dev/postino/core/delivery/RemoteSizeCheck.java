package dev.postino.core.delivery;

import dev.postino.core.size.SizeText;
import dev.postino.core.smtp.EnhancedStatus;
import java.util.Optional;

/**
 * Compares a message with the SIZE the remote server advertised in its EHLO reply (RFC 1870),
 * so a message that cannot fit is failed before MAIL FROM instead of after sending it whole.
 * A message over the limit is a permanent 5.3.4 (RFC 3463 message too big for system), as RFC
 * 1870 §6.1's 552 would be.
 *
 * <p>Sizes in the text are decimal units ({@link SizeText#human}): a server advertising
 * {@code SIZE 1000000} has a limit of "1 MB", as the sender's mail client would show it. The
 * message size is rounded up and the limit down to one decimal, so the text never claims a
 * message equals the limit it exceeds.
 */
public final class RemoteSizeCheck {
    private RemoteSizeCheck() {
    }

    /**
     * @param messageSize     the message's size in bytes as it will be sent
     * @param advertisedLimit the server's SIZE value; 0 when it advertised none or SIZE without a
     *                        number (RFC 1870 §3: 0 means no fixed maximum)
     * @return empty when the message fits (a message exactly at the limit fits); otherwise a
     *         PERMANENT outcome at {@link SmtpPhase#MAIL}, to which the engine adds the remote
     */
    public static Optional<DeliveryOutcome> check(long messageSize, long advertisedLimit) {
        if (messageSize < 0 || advertisedLimit < 0) {
            throw new IllegalArgumentException("sizes are not negative: message " + messageSize
                + ", limit " + advertisedLimit);
        }
        if (advertisedLimit == 0 || messageSize <= advertisedLimit) {
            return Optional.empty();
        }
        return Optional.of(DeliveryOutcome.failure(EnhancedStatus.of(5, 3, 4), SmtpPhase.MAIL,
            "message size " + SizeText.human(messageSize, true) + " exceeds the receiving server's limit of "
                + SizeText.human(advertisedLimit, false)));
    }
}
