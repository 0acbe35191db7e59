package dev.postino.core.spam;

import dev.postino.core.spam.mime.MimeMessage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A statistical spam classifier in the SpamBayes / bogofilter tradition: Gary Robinson's token
 * probabilities combined with Fisher's chi-square method.
 *
 * <p>For each token, {@code p = (s·x + n·f) / (s + n)} where {@code f} is the spam ratio normalised
 * by message totals, {@code n} the number of messages that held the token, {@code x = 0.5} the
 * prior for unknown tokens and {@code s = 0.45} its strength. The 300 tokens furthest from 0.5
 * (ignoring those within 0.3 of it) are combined: {@code S = 1 − χ²Q(−2Σln(1−p), 2k)} and
 * {@code H = 1 − χ²Q(−2Σln p, 2k)}, giving {@code (S − H + 1) / 2}. A body word the message repeats
 * votes once per occurrence, at most {@link SpamTokenizer#MAX_WORD_VOTES} times (learning still
 * counts it once per message, as SpamBayes does). Chi-square combining is
 * deliberately extreme when the evidence agrees and lands near 0.5 when it conflicts, which is
 * what lets a scorer treat the middle as "unsure" rather than guess.
 *
 * <h2>Training workflow</h2>
 * <ol>
 *   <li>The classifier starts untrained. Until it has learned at least {@code minSpam} spam and
 *       {@code minHam} ham messages (50 each by default) it abstains and contributes nothing,
 *       so the rules alone decide: a handful of examples would make it confidently wrong.</li>
 *   <li>Seed it from mail you have already sorted: {@link #learn} each message of a Junk folder
 *       as {@link MessageClass#SPAM} and of a few months of inbox as {@link MessageClass#HAM}.
 *       Keep the two sets roughly balanced; hundreds of each is good, thousands better.</li>
 *   <li>For large sets, {@link ErrorDrivenTraining} learns only what the classifier does not
 *       already get right with a margin: a store a third the size at about the same accuracy
 *       (bench/README.md has the figures).</li>
 *   <li>Afterwards learn from corrections: when a user moves a message out of Junk,
 *       {@link #unlearn} it as spam (if it had been learned) and learn it as ham; the reverse for
 *       spam found in the inbox. Train on mistakes rather than on everything, as bogofilter and
 *       SpamBayes advise: it keeps the counts balanced and the store small.</li>
 *   <li>Persist the {@link TokenStore} (for the in-memory store, {@link TokenStoreFile}).</li>
 * </ol>
 * Learning the same message twice counts it twice; callers that cannot tell should keep a
 * record of message ids they learned. Thread-safe if the store is.
 */
public final class BayesClassifier {
    public static final int DEFAULT_MIN_MESSAGES = 50;
    /** How many tokens a {@link BayesResult} cites. */
    public static final int REASONS = 8;
    static final double UNKNOWN_STRENGTH = 0.45;
    static final double UNKNOWN_PROBABILITY = 0.5;
    // Measured with bench/spam-accuracy: ignoring weak tokens (|p − 0.5| < 0.3, as bogofilter's
    // min_dev) and letting more strong ones vote kept hard ham out of the top band best.
    static final double MIN_DEVIATION = 0.3;
    static final int MAX_DISCRIMINATORS = 300;

    private final TokenStore store;
    private final SpamTokenizer tokenizer;
    private final long minSpam;
    private final long minHam;

    public BayesClassifier(TokenStore store) {
        this(store, new SpamTokenizer(), DEFAULT_MIN_MESSAGES, DEFAULT_MIN_MESSAGES);
    }

    public BayesClassifier(TokenStore store, SpamTokenizer tokenizer, int minSpam, int minHam) {
        if (minSpam < 1 || minHam < 1) {
            throw new IllegalArgumentException("minimum learned messages must be at least 1, got spam="
                + minSpam + " ham=" + minHam);
        }
        this.store = Objects.requireNonNull(store);
        this.tokenizer = Objects.requireNonNull(tokenizer);
        this.minSpam = minSpam;
        this.minHam = minHam;
    }

    public void learn(MimeMessage message, MessageClass kind) {
        store.add(kind, tokenizer.tokens(message), +1);
    }

    /**
     * Train-on-error with a thick threshold: learns the message as {@code kind} unless the
     * classifier is already sure of it, i.e. unless it is trained and puts the message more than
     * {@code 0.5 - margin} away from 0.5 on the right side ({@code p > 1 - margin} for spam,
     * {@code p < margin} for ham). Returns whether it learned. See {@link ErrorDrivenTraining}.
     */
    public boolean learnUnlessSure(MimeMessage message, MessageClass kind, double margin) {
        if (!(margin > 0.0 && margin < 0.5)) {
            throw new IllegalArgumentException("training margin must be in (0, 0.5), got " + margin);
        }
        Set<String> tokens = tokenizer.tokens(message);
        if (isTrained()) {
            double p = classify(tokens, tokenizer.repeatedWords(message)).probability();
            boolean sure = kind == MessageClass.SPAM ? p > 1.0 - margin : p < margin;
            if (sure) {
                return false;
            }
        }
        store.add(kind, tokens, +1);
        return true;
    }

    /** Undoes an earlier {@link #learn} of the same message as the same class. */
    public void unlearn(MimeMessage message, MessageClass kind) {
        store.add(kind, tokenizer.tokens(message), -1);
    }

    /** True once enough of both classes were learned for {@link #classify} to give an opinion. */
    public boolean isTrained() {
        TokenCounts totals = store.totals();
        return totals.spam() >= minSpam && totals.ham() >= minHam;
    }

    public BayesResult classify(MimeMessage message) {
        if (!isTrained()) {
            return BayesResult.abstained();
        }
        return classify(tokenizer.tokens(message), tokenizer.repeatedWords(message));
    }

    BayesResult classify(Set<String> tokens) {
        return classify(tokens, Map.of());
    }

    /**
     * {@code repeats}: how many times a token votes, for tokens that vote more than once
     * ({@link SpamTokenizer#repeatedWords}); the others vote once.
     */
    BayesResult classify(Set<String> tokens, Map<String, Integer> repeats) {
        TokenCounts totals = store.totals();
        if (totals.spam() < minSpam || totals.ham() < minHam) {
            return BayesResult.abstained();
        }
        String[] names = new String[tokens.size()];
        double[] probs = new double[tokens.size()];
        double[] deviations = new double[tokens.size()];
        int used = 0;
        for (String token : tokens) {
            TokenCounts counts = store.counts(token);
            if (counts.isZero()) {
                continue; // p would be exactly x = 0.5: no evidence
            }
            double p = tokenProbability(counts, totals);
            double deviation = Math.abs(p - 0.5);
            if (deviation < MIN_DEVIATION) {
                continue;
            }
            names[used] = token;
            probs[used] = p;
            deviations[used] = deviation;
            used++;
        }
        double cutoff = 0.0;
        if (used > MAX_DISCRIMINATORS) {
            double[] sorted = Arrays.copyOf(deviations, used);
            Arrays.sort(sorted);
            cutoff = sorted[used - MAX_DISCRIMINATORS];
        }
        double sumLnP = 0.0;
        double sumLnNotP = 0.0;
        int taken = 0;
        int votes = 0;
        List<TokenEvidence> evidence = new ArrayList<>(Math.min(used, MAX_DISCRIMINATORS));
        for (int i = 0; i < used && taken < MAX_DISCRIMINATORS; i++) {
            if (deviations[i] < cutoff) {
                continue;
            }
            int times = repeats.getOrDefault(names[i], 1);
            sumLnP += times * Math.log(probs[i]);
            sumLnNotP += times * Math.log1p(-probs[i]);
            evidence.add(new TokenEvidence(names[i], probs[i]));
            taken++;
            votes += times;
        }
        if (taken == 0) {
            return BayesResult.of(0.5, List.of());
        }
        double spamminess = 1.0 - chi2Q(-2.0 * sumLnNotP, 2 * votes);
        double hamminess = 1.0 - chi2Q(-2.0 * sumLnP, 2 * votes);
        double probability = Math.max(0.0, Math.min(1.0, (spamminess - hamminess + 1.0) / 2.0));
        evidence.sort(Comparator.comparingDouble((TokenEvidence e) -> -Math.abs(e.probability() - 0.5)));
        return BayesResult.of(probability, new ArrayList<>(evidence.subList(0, Math.min(REASONS, evidence.size()))));
    }

    /** Robinson's f(w): the spam ratio, normalised by message totals, shrunk towards x by s. */
    static double tokenProbability(TokenCounts counts, TokenCounts totals) {
        double spamRatio = (double) Math.min(counts.spam(), totals.spam()) / Math.max(1, totals.spam());
        double hamRatio = (double) Math.min(counts.ham(), totals.ham()) / Math.max(1, totals.ham());
        double raw = spamRatio / (spamRatio + hamRatio);
        double n = counts.spam() + counts.ham();
        double p = (UNKNOWN_STRENGTH * UNKNOWN_PROBABILITY + n * raw) / (UNKNOWN_STRENGTH + n);
        // Keep away from 0 and 1 so a single token can never force ln(0).
        return Math.max(1e-6, Math.min(1.0 - 1e-6, p));
    }

    /** The probability that a chi-square variable with {@code dof} (even) degrees exceeds {@code x2}. */
    static double chi2Q(double x2, int dof) {
        double m = x2 / 2.0;
        double term = Math.exp(-m);
        double sum = term;
        for (int i = 1; i < dof / 2; i++) {
            term *= m / i;
            sum += term;
        }
        return Math.min(sum, 1.0);
    }
}
