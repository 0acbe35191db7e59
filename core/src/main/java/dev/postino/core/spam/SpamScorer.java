package dev.postino.core.spam;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Scores a message: the classifier's band from {@link BayesPoints} plus every rule that fires,
 * held against {@link SpamThresholds}. Pure and thread-safe when the store is; the one decision
 * the spam mailet calls.
 *
 * <p>See {@link BayesClassifier} for the training workflow: an untrained classifier abstains, and
 * then only the rules score (GTUBE still reaches every threshold).
 */
public final class SpamScorer {
    private final BayesClassifier classifier;
    private final List<SpamRule> rules;
    private final BayesPoints bayesPoints;
    private final SpamThresholds thresholds;

    public SpamScorer(BayesClassifier classifier, List<SpamRule> rules, BayesPoints bayesPoints, SpamThresholds thresholds) {
        this.classifier = Objects.requireNonNull(classifier);
        this.rules = List.copyOf(rules);
        this.bayesPoints = Objects.requireNonNull(bayesPoints);
        this.thresholds = Objects.requireNonNull(thresholds);
    }

    /** The server's configuration: default rules, bands and thresholds (tag 5, reject 15). */
    public static SpamScorer withDefaults(BayesClassifier classifier) {
        return new SpamScorer(classifier, SpamRules.defaults(), BayesPoints.defaults(), SpamThresholds.defaults());
    }

    public SpamVerdict score(SpamInput input) {
        List<Contribution> contributions = new ArrayList<>();
        BayesResult bayes = classifier.classify(input.message());
        bayesPoints.contribution(bayes).ifPresent(contributions::add);
        for (SpamRule rule : rules) {
            Optional<Contribution> c = rule.check(input);
            c.ifPresent(contributions::add);
        }
        return verdict(contributions, bayes);
    }

    /**
     * Completes a score taken at the end of DATA (by the SMTP hook, with this scorer's rules) with
     * the rules that judge what the server learned after it — sender authentication, measured in
     * the mailet pipeline — and holds the sum against this scorer's thresholds.
     */
    public SpamVerdict complete(CarriedScore atData, Optional<Map<String, String>> senderAuthentication) {
        List<Contribution> contributions = new ArrayList<>(atData.contributions());
        if (senderAuthentication.isPresent()) {
            for (SpamRule rule : rules) {
                if (rule instanceof SenderAuthenticationRule) {
                    ((SenderAuthenticationRule) rule).check(senderAuthentication.get()).ifPresent(contributions::add);
                }
            }
        }
        return verdict(contributions, atData.bayes());
    }

    private SpamVerdict verdict(List<Contribution> contributions, BayesResult bayes) {
        double score = 0.0;
        for (Contribution c : contributions) {
            score += c.points();
        }
        return new SpamVerdict(score, thresholds, contributions, bayes);
    }

    public BayesClassifier classifier() {
        return classifier;
    }
}
