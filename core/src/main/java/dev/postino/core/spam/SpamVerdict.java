package dev.postino.core.spam;

import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The outcome of one spam check: the total score, the thresholds it was held against and every
 * contribution that made it up. What to do about it (tag, Junk, refuse) is the shell's
 * configuration, never this value's.
 */
public final class SpamVerdict {
    /** The header the shell writes {@link #statusHeaderValue()} into. */
    public static final String STATUS_HEADER = "X-Spam-Status";

    private final double score;
    private final SpamThresholds thresholds;
    private final List<Contribution> contributions;
    private final BayesResult bayes;

    public SpamVerdict(double score, SpamThresholds thresholds, List<Contribution> contributions, BayesResult bayes) {
        this.score = score;
        this.thresholds = Objects.requireNonNull(thresholds);
        this.contributions = Collections.unmodifiableList(List.copyOf(contributions));
        this.bayes = Objects.requireNonNull(bayes);
    }

    /** Score at or above the tag threshold. */
    public boolean isSpam() {
        return score >= thresholds.tag();
    }

    /** Score at or above the reject threshold. */
    public boolean shouldReject() {
        return score >= thresholds.reject();
    }

    public double score() {
        return score;
    }

    /** The tag threshold, as SpamAssassin's {@code required=}. */
    public double required() {
        return thresholds.tag();
    }

    public SpamThresholds thresholds() {
        return thresholds;
    }

    public List<Contribution> contributions() {
        return contributions;
    }

    public BayesResult bayes() {
        return bayes;
    }

    /** For example {@code Yes, score=7.2 required=5.0 tests=BAYES_99,HTML_ONLY}. */
    public String statusHeaderValue() {
        StringBuilder tests = new StringBuilder();
        for (Contribution c : contributions) {
            tests.append(tests.length() == 0 ? "" : ",").append(c.name());
        }
        return String.format(Locale.ROOT, "%s, score=%.1f required=%.1f tests=%s",
            isSpam() ? "Yes" : "No", score, required(), tests.length() == 0 ? "none" : tests);
    }

    /** The whole header line: {@code X-Spam-Status: Yes, score=…}. */
    public String statusHeader() {
        return STATUS_HEADER + ": " + statusHeaderValue();
    }

    /** One line per contribution, points then name then reason: for logs and an X-Spam-Report. */
    public String report() {
        StringBuilder out = new StringBuilder();
        for (Contribution c : contributions) {
            out.append(String.format(Locale.ROOT, "%6.1f %s %s%n", c.points(), c.name(), c.reason()));
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return statusHeaderValue();
    }
}
