package dev.postino.core.spam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BayesClassifierTest {

    @Test
    void abstainsUntilFiftyOfEachClassWereLearned() {
        InMemoryTokenStore store = new InMemoryTokenStore();
        BayesClassifier classifier = new BayesClassifier(store);
        SyntheticCorpus corpus = new SyntheticCorpus(1);
        for (int i = 0; i < 50; i++) {
            classifier.learn(corpus.spam(), MessageClass.SPAM);
        }
        for (int i = 0; i < 49; i++) {
            classifier.learn(corpus.ham(), MessageClass.HAM);
        }
        assertThat(classifier.isTrained()).isFalse();
        assertThat(classifier.classify(corpus.spam()).isAbstained()).isTrue();

        classifier.learn(corpus.ham(), MessageClass.HAM);

        assertThat(classifier.isTrained()).isTrue();
        assertThat(classifier.classify(corpus.spam()).isAbstained()).isFalse();
    }

    @Test
    void learnsToSeparateASyntheticCorpus() {
        BayesClassifier classifier = trained(new InMemoryTokenStore(), 7);
        SyntheticCorpus unseen = new SyntheticCorpus(99);

        for (int i = 0; i < 20; i++) {
            assertThat(classifier.classify(unseen.spam()).probability()).isGreaterThan(0.99);
            assertThat(classifier.classify(unseen.ham()).probability()).isLessThan(0.01);
        }
    }

    @Test
    void citesTheStrongestTokens() {
        BayesClassifier classifier = trained(new InMemoryTokenStore(), 7);

        BayesResult result = classifier.classify(TestMail.simple("casino", "casino winner cash"));

        assertThat(result.strongest()).isNotEmpty().hasSizeLessThanOrEqualTo(BayesClassifier.REASONS);
        assertThat(result.strongest()).extracting(TokenEvidence::token).contains("casino");
        assertThat(result.strongest().get(0).probability()).isGreaterThan(0.9);
    }

    @Test
    void aRepeatedWordVotesAgainForEachOccurrence() {
        InMemoryTokenStore store = new InMemoryTokenStore();
        for (int i = 0; i < 60; i++) {
            store.add(MessageClass.SPAM, List.of("casino", "common"), +1);
            store.add(MessageClass.HAM, List.of("meeting", "common"), +1);
        }
        BayesClassifier classifier = new BayesClassifier(store);
        Set<String> tokens = Set.of("casino", "meeting");

        assertThat(classifier.classify(tokens, Map.of()).probability()).isCloseTo(0.5, offset(1e-9));
        assertThat(classifier.classify(tokens, Map.of("casino", 3)).probability()).isGreaterThan(0.55);
        assertThat(classifier.classify(tokens, Map.of("meeting", 3)).probability()).isLessThan(0.45);
    }

    @Test
    void unlearnUndoesLearn() {
        InMemoryTokenStore store = new InMemoryTokenStore();
        BayesClassifier classifier = new BayesClassifier(store);
        var message = TestMail.simple("casino", "casino winner");

        classifier.learn(message, MessageClass.SPAM);
        classifier.unlearn(message, MessageClass.SPAM);
        classifier.unlearn(message, MessageClass.SPAM); // never below zero

        assertThat(store.totals()).isEqualTo(TokenCounts.ZERO);
        assertThat(store.size()).isZero();
    }

    @Test
    void chiSquareTailMatchesKnownValues() {
        // Q(x2 = 2, dof = 2) = e^-1; Q(0, any) = 1.
        assertThat(BayesClassifier.chi2Q(2.0, 2)).isCloseTo(Math.exp(-1), org.assertj.core.data.Offset.offset(1e-12));
        assertThat(BayesClassifier.chi2Q(0.0, 10)).isEqualTo(1.0);
        assertThat(BayesClassifier.chi2Q(5000.0, 300)).isZero();
    }

    @Test
    void rejectsNonsenseMinimums() {
        assertThatThrownBy(() -> new BayesClassifier(new InMemoryTokenStore(), new SpamTokenizer(), 0, 50))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("spam=0");
    }

    static BayesClassifier trained(TokenStore store, long seed) {
        BayesClassifier classifier = new BayesClassifier(store);
        SyntheticCorpus corpus = new SyntheticCorpus(seed);
        for (int i = 0; i < 60; i++) {
            classifier.learn(corpus.spam(), MessageClass.SPAM);
            classifier.learn(corpus.ham(), MessageClass.HAM);
        }
        return classifier;
    }
}
