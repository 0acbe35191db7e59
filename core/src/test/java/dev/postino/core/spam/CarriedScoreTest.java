package dev.postino.core.spam;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postino.core.spam.mime.MimeMessage;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CarriedScoreTest {
    private static final Instant ARRIVAL = Instant.parse("2002-09-02T10:00:00Z");
    private static final Map<String, String> SPF_FAIL = Map.of("spf", "fail", "dkim", "none", "dmarc", "none", "p", "none");

    // At DATA the hook scores with its own thresholds (tag = reject = 15).
    private static SpamVerdict atData(SpamScorer atDataScorer, MimeMessage message) {
        return atDataScorer.score(SpamInput.of(message, ARRIVAL).withHeloName("mx.evil.test"));
    }

    @Test
    void theCarriedTextGivesBackEveryContributionAndTheBayesProbability() {
        SpamScorer hook = new SpamScorer(BayesClassifierTest.trained(new InMemoryTokenStore(), 5), SpamRules.defaults(),
            BayesPoints.defaults(), SpamThresholds.of(15.0, 15.0));
        SpamVerdict verdict = atData(hook, new SyntheticCorpus(3).spam());

        CarriedScore carried = CarriedScore.parse(CarriedScore.of(verdict, "store=/var/tokens client=[zen.example.org*4.0]").toText())
            .orElseThrow();

        assertThat(carried.contributions()).isEqualTo(verdict.contributions()).isNotEmpty();
        assertThat(carried.bayes().probability()).isEqualTo(verdict.bayes().probability());
        assertThat(carried.bayes().isAbstained()).isFalse();
        assertThat(carried.hasBasis("store=/var/tokens client=[zen.example.org*4.0]")).isTrue();
        assertThat(carried.hasBasis("store=/var/tokens client=[]")).isFalse();
    }

    @Test
    void completingAddsSenderAuthenticationAndJudgesAgainstTheMailetsThresholds() {
        CarriedScore carried = CarriedScore.parse(CarriedScore.VERSION + " bayes=-\nbasis=b\n"
            + "4.5\tDNSBL_ZEN\tclient 192.0.2.7 listed in zen.example.org (127.0.0.2)").orElseThrow();
        SpamScorer mailet = SpamScorer.withDefaults(new BayesClassifier(new InMemoryTokenStore()));

        SpamVerdict alone = mailet.complete(carried, Optional.empty());
        SpamVerdict withSpfFail = mailet.complete(carried, Optional.of(SPF_FAIL));

        assertThat(alone.statusHeaderValue()).isEqualTo("No, score=4.5 required=5.0 tests=DNSBL_ZEN");
        assertThat(alone.bayes().isAbstained()).isTrue();
        assertThat(withSpfFail.statusHeaderValue()).isEqualTo("Yes, score=5.5 required=5.0 tests=DNSBL_ZEN,SPF_FAIL");
        assertThat(withSpfFail.report()).contains("client 192.0.2.7 listed in zen.example.org");
    }

    @Test
    void reasonsStayOnOneLine() {
        SpamVerdict verdict = new SpamVerdict(1.0, SpamThresholds.defaults(),
            java.util.List.of(new Contribution("LINK_HOST_MISMATCH", 1.0, "text\tshows a.test\r\nX-Forged: yes")),
            BayesResult.abstained());

        String text = CarriedScore.of(verdict, "two\nlines").toText();

        assertThat(text.split("\n")).hasSize(3);
        assertThat(CarriedScore.parse(text).orElseThrow().hasBasis("two lines")).isTrue();
        assertThat(CarriedScore.parse(text).orElseThrow().contributions().get(0).reason())
            .isEqualTo("text shows a.test  X-Forged: yes");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "junk", "postino-spam-0 bayes=-\nbasis=", "postino-spam-1 bayes=-",
        "postino-spam-1 bayes=2.0\nbasis=", "postino-spam-1 bayes=x\nbasis=", "postino-spam-1 bayes=-\n1.0\tNAME\twhy",
        "postino-spam-1 bayes=-\nbasis=\n1.0\tlower_case\twhy", "postino-spam-1 bayes=-\nbasis=\n1.0\tNAME",
        "postino-spam-1 bayes=-\nbasis=\nNaN\tNAME\twhy", "postino-spam-1 bayes=-\nbasis=\none\tNAME\twhy"})
    void anyOtherTextIsRefused(String text) {
        assertThat(CarriedScore.parse(text)).isEmpty();
    }
}
