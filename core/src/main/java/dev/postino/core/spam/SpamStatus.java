package dev.postino.core.spam;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A verdict read back from the {@code X-Spam-Status} value our check wrote
 * ({@link SpamVerdict#statusHeaderValue()}: {@code Yes, score=6.0 required=5.0 tests=…}). Used only
 * where the header is known to be ours: a copy of a message our own server's Sieve {@code redirect}
 * made after the check scored it. Anywhere else the header is forged until proven otherwise
 * ({@link ForgedHeaders}).
 */
public final class SpamStatus {
    private static final Pattern VALUE = Pattern.compile(
        "(Yes|No), score=(-?[0-9]{1,9}(?:\\.[0-9]{1,9})?) required=-?[0-9]{1,9}(?:\\.[0-9]{1,9})? tests=\\S.*");

    private final boolean spam;
    private final double score;
    private final String value;

    private SpamStatus(boolean spam, double score, String value) {
        this.spam = spam;
        this.score = score;
        this.value = value;
    }

    /** The verdict in an {@code X-Spam-Status} value (folded or not), or empty when it is not one we write. */
    public static Optional<SpamStatus> parse(String headerValue) {
        if (headerValue == null) {
            return Optional.empty();
        }
        // RFC 5322 §2.2.3: unfolding removes the CRLF before the folding white space.
        String value = headerValue.replaceAll("\r?\n(?=[ \t])", "").trim();
        Matcher m = VALUE.matcher(value);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new SpamStatus(m.group(1).equals("Yes"), Double.parseDouble(m.group(2)), value));
    }

    public boolean isSpam() {
        return spam;
    }

    public double score() {
        return score;
    }

    /** The unfolded header value, as {@link SpamVerdict#statusHeaderValue()} wrote it. */
    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return value;
    }
}
