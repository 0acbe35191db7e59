package dev.postino.core.spam;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SpamStatusTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "Yes, score=6.0 required=5.0 tests=DNSBL_ZEN_EXAMPLE_TEST | true  | 6.0",
        "No, score=-4.0 required=5.0 tests=BAYES_00              | false | -4.0",
        "No, score=0.0 required=5.0 tests=none                   | false | 0.0",
        "Yes, score=1006.5 required=5.0 tests=GTUBE,MISSING_DATE  | true  | 1006.5",
    })
    void readsTheVerdictOurCheckWrote(String value, boolean spam, double score) {
        assertThat(SpamStatus.parse(value)).hasValueSatisfying(status -> {
            assertThat(status.isSpam()).isEqualTo(spam);
            assertThat(status.score()).isEqualTo(score);
            assertThat(status.value()).isEqualTo(value);
        });
    }

    @Test
    void readsWhatSpamVerdictWritesFoldedAsAHeaderMayBe() {
        SpamVerdict verdict = new SpamVerdict(7.5, SpamThresholds.defaults(),
            List.of(new Contribution("SUBJECT_CAPS", 2.0, "caps")), BayesResult.abstained());
        String folded = verdict.statusHeaderValue().replace(" tests=", "\r\n tests=");

        assertThat(SpamStatus.parse(folded)).hasValueSatisfying(status -> {
            assertThat(status.isSpam()).isTrue();
            assertThat(status.score()).isEqualTo(7.5);
            assertThat(status.value()).isEqualTo(verdict.statusHeaderValue());
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Yes", "yes, score=6.0 required=5.0 tests=X", "Yes, score=lots required=5.0 tests=X",
        "Yes, score=6.0", "No, hits=2.1 required=5.0 tests=X autolearn=no", "Yes, score=NaN required=5.0 tests=X"})
    void anythingElseIsNoVerdict(String value) {
        assertThat(SpamStatus.parse(value)).isEmpty();
    }
}
