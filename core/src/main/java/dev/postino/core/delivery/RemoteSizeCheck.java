package dev.postino.core.delivery;

import dev.postino.core.smtp.EnhancedStatus;
import java.util.Optional;

/**
 * Compares a message with the SIZE the remote server advertised in its EHLO reply (RFC 1870),
 * so a message that cannot fit is failed before MAIL FROM instead of after sending it whole.
 * A message over the limit is a permanent 5.3.4 (RFC 3463 message too big for system), as RFC
 * 1870 §6.1's 552 would be.
 *
 * <p>Sizes in the text are binary units, 1 KB = 1024 bytes and 1 MB = 1024 KB, the way James and
 * most MTAs count "10M"; the message size is rounded up and the limit down to one decimal, so
 * the text never claims a message equals the limit it exceeds.
 */
public final class RemoteSizeCheck {
    private static final String[] UNITS = {"KB", "MB", "GB", "TB"};

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
            "message size " + humanSize(messageSize, true) + " exceeds the receiving server's limit of "
                + humanSize(advertisedLimit, false)));
    }

    /** {@code 900 bytes}, {@code 512 KB}, {@code 1.5 MB}: one decimal at most, rounded as asked. */
    static String humanSize(long bytes, boolean roundUp) {
        if (bytes < 1024) {
            return bytes + (bytes == 1 ? " byte" : " bytes");
        }
        int unit = 0;
        long size = 1024;
        while (unit < UNITS.length - 1 && bytes / size >= 1024) {
            size *= 1024;
            unit++;
        }
        long remainder = bytes % size;
        long tenths = bytes / size * 10 + remainder * 10 / size;
        if (roundUp && (remainder * 10) % size != 0) {
            tenths++;
        }
        String number = tenths % 10 == 0 ? Long.toString(tenths / 10) : tenths / 10 + "." + tenths % 10;
        return number + " " + UNITS[unit];
    }
}
