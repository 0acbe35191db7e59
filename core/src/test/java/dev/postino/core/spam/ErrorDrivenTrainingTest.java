package dev.postino.core.spam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.postino.core.spam.mime.MimeMessage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ErrorDrivenTrainingTest {

    private static List<MimeMessage> spam(SyntheticCorpus corpus, int n) {
        List<MimeMessage> messages = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            messages.add(corpus.spam());
        }
        return messages;
    }

    private static List<MimeMessage> ham(SyntheticCorpus corpus, int n) {
        List<MimeMessage> messages = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            messages.add(corpus.ham());
        }
        return messages;
    }

    @Test
    void learnsTheMinimumThenOnlyWhatItIsNotSureOf() throws Exception {
        SyntheticCorpus corpus = new SyntheticCorpus(5);
        InMemoryTokenStore store = new InMemoryTokenStore();
        BayesClassifier classifier = new BayesClassifier(store);

        TrainingResult result = ErrorDrivenTraining.<MimeMessage>defaults()
            .train(classifier, spam(corpus, 300), ham(corpus, 300), m -> m);

        assertThat(result.spamSeen()).isEqualTo(300);
        assertThat(result.hamSeen()).isEqualTo(300);
        assertThat(store.totals().spam()).isEqualTo(result.spamLearned()).isBetween(50L, 299L);
        assertThat(store.totals().ham()).isEqualTo(result.hamLearned()).isBetween(50L, 299L);
        SyntheticCorpus unseen = new SyntheticCorpus(77);
        for (int i = 0; i < 20; i++) {
            assertThat(classifier.classify(unseen.spam()).probability()).isGreaterThan(0.9);
            assertThat(classifier.classify(unseen.ham()).probability()).isLessThan(0.1);
        }
    }

    @Test
    void theSameSeedLearnsTheSameCounts() throws Exception {
        List<MimeMessage> spam = spam(new SyntheticCorpus(8), 150);
        List<MimeMessage> ham = ham(new SyntheticCorpus(9), 150);
        InMemoryTokenStore first = new InMemoryTokenStore();
        InMemoryTokenStore second = new InMemoryTokenStore();

        new ErrorDrivenTraining<MimeMessage>(0.1, 3, 42).train(new BayesClassifier(first), spam, ham, m -> m);
        new ErrorDrivenTraining<MimeMessage>(0.1, 3, 42).train(new BayesClassifier(second), spam, ham, m -> m);

        assertThat(second.totals()).isEqualTo(first.totals());
        assertThat(second.size()).isEqualTo(first.size());
    }

    @Test
    void learnUnlessSureLearnsWhileUntrainedAndSkipsWhatItAlreadyGetsRight() {
        BayesClassifier untrained = new BayesClassifier(new InMemoryTokenStore());
        SyntheticCorpus corpus = new SyntheticCorpus(3);
        assertThat(untrained.learnUnlessSure(corpus.spam(), MessageClass.SPAM, 0.1)).isTrue();

        InMemoryTokenStore trainedStore = new InMemoryTokenStore();
        BayesClassifier trained = BayesClassifierTest.trained(trainedStore, 7);
        TokenCounts before = trainedStore.totals();
        assertThat(trained.learnUnlessSure(corpus.spam(), MessageClass.SPAM, 0.1)).as("sure: spam").isFalse();
        assertThat(trained.learnUnlessSure(corpus.spam(), MessageClass.HAM, 0.1)).as("wrong: learn as ham").isTrue();
        assertThat(trainedStore.totals()).isEqualTo(TokenCounts.of(before.spam(), before.ham() + 1));
    }

    @Test
    void rejectsNonsenseSettings() {
        assertThatThrownBy(() -> new ErrorDrivenTraining<MimeMessage>(0.5, 3, 1)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("margin");
        assertThatThrownBy(() -> new ErrorDrivenTraining<MimeMessage>(0.1, 0, 1)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("passes");
        assertThatThrownBy(() -> new BayesClassifier(new InMemoryTokenStore())
            .learnUnlessSure(TestMail.simple("a", "b"), MessageClass.SPAM, 0.0))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("margin");
    }
}
