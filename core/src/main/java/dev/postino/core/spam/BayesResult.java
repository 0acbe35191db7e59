package dev.postino.core.spam;

import java.util.Collections;
import java.util.List;

/**
 * The classifier's answer: a spam probability in [0, 1] and the strongest tokens behind it, or
 * an abstention when it has not learned enough to have an opinion.
 */
public final class BayesResult {
    private static final BayesResult ABSTAINED = new BayesResult(true, 0.5, List.of());

    private final boolean abstained;
    private final double probability;
    private final List<TokenEvidence> strongest;

    private BayesResult(boolean abstained, double probability, List<TokenEvidence> strongest) {
        this.abstained = abstained;
        this.probability = probability;
        this.strongest = Collections.unmodifiableList(strongest);
    }

    public static BayesResult abstained() {
        return ABSTAINED;
    }

    public static BayesResult of(double probability, List<TokenEvidence> strongest) {
        if (!(probability >= 0.0 && probability <= 1.0)) {
            throw new IllegalArgumentException("probability must be in [0, 1], got " + probability);
        }
        return new BayesResult(false, probability, strongest);
    }

    /** True when too few messages were learned: the classifier then contributes nothing. */
    public boolean isAbstained() {
        return abstained;
    }

    /** Spam probability; 0.5 when abstained. */
    public double probability() {
        return probability;
    }

    /** The tokens that pulled hardest, strongest first (at most {@link BayesClassifier#REASONS}). */
    public List<TokenEvidence> strongest() {
        return strongest;
    }

    @Override
    public String toString() {
        return abstained ? "abstained" : "p=" + probability + " " + strongest;
    }
}
