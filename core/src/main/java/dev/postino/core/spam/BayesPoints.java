package dev.postino.core.spam;

import java.util.Locale;
import java.util.Optional;

/**
 * Maps the classifier's probability to points in a score, in named bands like SpamAssassin's
 * {@code BAYES_nn}. An abstaining classifier contributes nothing.
 *
 * <p>The default bands are asymmetric on purpose: filing ham as spam costs far more than letting
 * spam through. From {@code p ≥ 0.99} the classifier reaches the tag threshold (5) on its own;
 * below that, down to the unsure middle (0.4), the band brings a message within reach of the
 * threshold and it takes rules to cross it; near-certain ham earns enough negative points to
 * outweigh most rules firing together. The points were chosen on cross-validation predictions
 * only (never on the fold a model was tested on), on a 0.5 grid, monotone: the best set caught
 * 91.6 % of spam with at most 2 of 2488 ham misfiled on each of four fold assignments, but tagged
 * 24 of 498 ham when the training set held no commercial ham at all (bench/README.md); these
 * points give up one point of spam caught (90.5 %) to halve that, since filing ham as spam is
 * the worse mistake.
 */
public final class BayesPoints {
    private static final double[] DEFAULT_LOWER = {0.9999, 0.99, 0.95, 0.80, 0.60, 0.40, 0.20, 0.05, 0.01, 0.0};
    private static final String[] DEFAULT_NAMES = {"BAYES_9999", "BAYES_99", "BAYES_95", "BAYES_80", "BAYES_60",
        "BAYES_50", "BAYES_20", "BAYES_05", "BAYES_01", "BAYES_00"};
    private static final double[] DEFAULT_POINTS = {6.0, 5.0, 4.0, 4.0, 3.0, 2.5, -0.5, -1.5, -2.5, -4.0};

    private final double[] lowerBounds;
    private final String[] names;
    private final double[] points;

    private BayesPoints(double[] lowerBounds, String[] names, double[] points) {
        this.lowerBounds = lowerBounds.clone();
        this.names = names.clone();
        this.points = points.clone();
    }

    public static BayesPoints defaults() {
        return new BayesPoints(DEFAULT_LOWER, DEFAULT_NAMES, DEFAULT_POINTS);
    }

    /**
     * Bands given from the highest down: {@code lowerBounds[i]} is where band {@code i} starts;
     * the last must be 0 so every probability falls in one.
     */
    public static BayesPoints of(double[] lowerBounds, String[] names, double[] points) {
        if (lowerBounds.length == 0 || lowerBounds.length != names.length || lowerBounds.length != points.length) {
            throw new IllegalArgumentException("Bayes bands need as many names and points as lower bounds");
        }
        for (int i = 1; i < lowerBounds.length; i++) {
            if (!(lowerBounds[i] < lowerBounds[i - 1])) {
                throw new IllegalArgumentException("Bayes band lower bounds must decrease, got " + lowerBounds[i]
                    + " after " + lowerBounds[i - 1]);
            }
        }
        if (lowerBounds[lowerBounds.length - 1] != 0.0) {
            throw new IllegalArgumentException("the last Bayes band must start at 0");
        }
        return new BayesPoints(lowerBounds, names, points);
    }

    public Optional<Contribution> contribution(BayesResult result) {
        if (result.isAbstained()) {
            return Optional.empty();
        }
        double p = result.probability();
        for (int i = 0; i < lowerBounds.length; i++) {
            if (p >= lowerBounds[i]) {
                return Optional.of(new Contribution(names[i], points[i], reason(result)));
            }
        }
        return Optional.empty();
    }

    private static String reason(BayesResult result) {
        StringBuilder reason = new StringBuilder(String.format(Locale.ROOT, "spam probability %.4f", result.probability()));
        if (!result.strongest().isEmpty()) {
            reason.append(" from ");
            for (int i = 0; i < result.strongest().size() && i < 5; i++) {
                reason.append(i == 0 ? "" : ", ").append(result.strongest().get(i));
            }
        }
        return reason.toString();
    }
}
