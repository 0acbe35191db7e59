package dev.postino.core.spam;

/**
 * Where a score becomes a decision. At or above {@code tag} the message is spam (the shell files
 * it into Junk and marks it); at or above {@code reject} it is refused at SMTP, where the sender
 * still learns of it rather than losing mail silently.
 */
public final class SpamThresholds {
    public static final double DEFAULT_TAG = 5.0;
    public static final double DEFAULT_REJECT = 15.0;

    private final double tag;
    private final double reject;

    private SpamThresholds(double tag, double reject) {
        this.tag = tag;
        this.reject = reject;
    }

    public static SpamThresholds defaults() {
        return new SpamThresholds(DEFAULT_TAG, DEFAULT_REJECT);
    }

    public static SpamThresholds of(double tag, double reject) {
        if (Double.isNaN(tag) || Double.isNaN(reject) || reject < tag) {
            throw new IllegalArgumentException("spam thresholds need reject >= tag, got tag=" + tag + " reject=" + reject);
        }
        return new SpamThresholds(tag, reject);
    }

    public double tag() {
        return tag;
    }

    public double reject() {
        return reject;
    }
}
