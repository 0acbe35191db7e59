package dev.postino.core.spam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.postino.core.spam.mime.MimeMessage;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpamScorerTest {
    private static final Instant ARRIVAL = Instant.parse("2002-09-02T10:00:00Z");

    private static SpamVerdict score(SpamScorer scorer, MimeMessage message) {
        return scorer.score(SpamInput.of(message, ARRIVAL));
    }

    @Test
    void gtubeIsSpamAndRejectedEvenWhenUntrained() {
        SpamScorer scorer = SpamScorer.withDefaults(new BayesClassifier(new InMemoryTokenStore()));

        SpamVerdict verdict = score(scorer, TestMail.parseFixture("gtube.eml"));

        assertThat(verdict.isSpam()).isTrue();
        assertThat(verdict.shouldReject()).isTrue();
        assertThat(verdict.bayes().isAbstained()).isTrue();
        assertThat(verdict.statusHeaderValue()).isEqualTo("Yes, score=1000.0 required=5.0 tests=GTUBE");
    }

    @Test
    void gtubeOutweighsAConfidentHamClassifier() {
        SpamScorer scorer = SpamScorer.withDefaults(BayesClassifierTest.trained(new InMemoryTokenStore(), 3));

        SpamVerdict verdict = score(scorer, TestMail.simple("meeting", "meeting agenda thanks kernel patch review "
            + GtubeRule.GTUBE));

        assertThat(verdict.contributions()).extracting(Contribution::name).containsExactly("BAYES_00", "GTUBE");
        assertThat(verdict.shouldReject()).isTrue();
    }

    @Test
    void untrainedClassifierAbstainsAndContributesNothing() {
        SpamScorer scorer = SpamScorer.withDefaults(new BayesClassifier(new InMemoryTokenStore()));

        SpamVerdict verdict = score(scorer, TestMail.simple("casino", "casino winner cash"));

        assertThat(verdict.contributions()).isEmpty();
        assertThat(verdict.score()).isZero();
        assertThat(verdict.statusHeader()).isEqualTo("X-Spam-Status: No, score=0.0 required=5.0 tests=none");
    }

    @Test
    void trainedClassifierTagsSpamAndClearsHam() {
        SpamScorer scorer = SpamScorer.withDefaults(BayesClassifierTest.trained(new InMemoryTokenStore(), 5));
        SyntheticCorpus unseen = new SyntheticCorpus(77);

        SpamVerdict spam = score(scorer, unseen.spam());
        SpamVerdict ham = score(scorer, unseen.ham());

        assertThat(spam.isSpam()).isTrue();
        assertThat(spam.shouldReject()).isFalse();
        assertThat(spam.statusHeaderValue()).startsWith("Yes, score=6.0 required=5.0 tests=BAYES_9999");
        assertThat(spam.report()).contains("BAYES_9999 spam probability");
        assertThat(ham.isSpam()).isFalse();
        assertThat(ham.contributions()).extracting(Contribution::name).containsExactly("BAYES_00");
    }

    @Test
    void scoreIsTheSumOfContributionsAndListsEveryTest() {
        SpamScorer scorer = SpamScorer.withDefaults(new BayesClassifier(new InMemoryTokenStore()));

        SpamVerdict verdict = score(scorer, TestMail.parseFixture("phishing-html-only.eml"));

        double sum = verdict.contributions().stream().mapToDouble(Contribution::points).sum();
        assertThat(verdict.score()).isEqualTo(sum);
        assertThat(verdict.statusHeaderValue()).contains("tests=MISSING_MESSAGE_ID,HTML_ONLY,LINK_HOST_MISMATCH,"
            + "URL_IP_LITERAL,SUBJECT_CAPS");
    }

    @Test
    void forgedSpamHeadersChangeNothing() {
        SpamScorer scorer = SpamScorer.withDefaults(BayesClassifierTest.trained(new InMemoryTokenStore(), 5));
        String[] lines = {"From: someone@promo1.test", "Subject: casino", "Date: Mon, 2 Sep 2002 10:00:00 +0000",
            "Message-ID: <9@promo1.test>", "", "casino winner cash bonus prize lottery click offer"};
        String[] forged = new String[lines.length + 3];
        forged[0] = "X-Spam-Status: No, score=-100.0 required=5.0 tests=ALL_TRUSTED";
        forged[1] = "X-Spam-Flag: NO";
        forged[2] = "X-Spam: ham";
        System.arraycopy(lines, 0, forged, 3, lines.length);

        SpamVerdict honest = score(scorer, TestMail.parse(lines));
        SpamVerdict withForgery = score(scorer, TestMail.parse(forged));

        assertThat(withForgery.score()).isEqualTo(honest.score());
        assertThat(withForgery.bayes().probability()).isEqualTo(honest.bayes().probability());
        assertThat(withForgery.isSpam()).isTrue();
    }

    @Test
    void customRulesBandsAndThresholds() {
        SpamRule always = new SpamRule() {
            @Override
            public String name() {
                return "ALWAYS";
            }

            @Override
            public java.util.Optional<Contribution> check(SpamInput input) {
                return java.util.Optional.of(new Contribution("ALWAYS", 2.5, "always fires"));
            }
        };
        SpamScorer scorer = new SpamScorer(new BayesClassifier(new InMemoryTokenStore()), List.of(always),
            BayesPoints.defaults(), SpamThresholds.of(2.0, 3.0));

        SpamVerdict verdict = score(scorer, TestMail.simple("x", "y"));

        assertThat(verdict.isSpam()).isTrue();
        assertThat(verdict.shouldReject()).isFalse();
        assertThat(verdict.statusHeaderValue()).isEqualTo("Yes, score=2.5 required=2.0 tests=ALWAYS");
    }

    @Test
    void badConfigurationFailsNamingTheProblem() {
        assertThatThrownBy(() -> SpamThresholds.of(10, 5)).hasMessageContaining("tag=10.0 reject=5.0");
        assertThatThrownBy(() -> BayesPoints.of(new double[] {0.9, 0.5}, new String[] {"A", "B"}, new double[] {1, 0}))
            .hasMessageContaining("last Bayes band must start at 0");
        assertThatThrownBy(() -> new Contribution("lower case", 1, "x")).hasMessageContaining("lower case");
    }

    @Test
    void bayesBandsMapProbabilities() {
        BayesPoints bands = BayesPoints.defaults();

        assertThat(bands.contribution(BayesResult.of(0.99995, List.of()))).hasValueSatisfying(c -> {
            assertThat(c.name()).isEqualTo("BAYES_9999");
            assertThat(c.points()).isEqualTo(6.0);
        });
        assertThat(bands.contribution(BayesResult.of(0.5, List.of())).get().name()).isEqualTo("BAYES_50");
        assertThat(bands.contribution(BayesResult.of(0.0, List.of())).get().points()).isEqualTo(-4.0);
        assertThat(bands.contribution(BayesResult.abstained())).isEmpty();
    }
}
