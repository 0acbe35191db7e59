package dev.postino.spam;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.postino.core.spam.BayesResult;
import dev.postino.core.spam.Contribution;
import dev.postino.core.spam.SpamThresholds;
import dev.postino.core.spam.SpamVerdict;

class SpamHeadersTest {
    @Test
    void reportReasonsAreFoldedPrintableAsciiAndCannotInjectHeaderLines() {
        SpamVerdict verdict = new SpamVerdict(7.0, SpamThresholds.defaults(), List.of(
            new Contribution("BAYES_99", 4.0, "spam probability 0.99 from caf\u00e9\r\nX-Injected: yes"),
            new Contribution("SUBJECT_CAPS", 2.0, "x".repeat(500))), BayesResult.abstained());

        String report = SpamHeaders.report(verdict);

        assertThat(report).startsWith("\r\n *   4.0 BAYES_99 spam probability 0.99 from caf???X-Injected: yes\r\n *   2.0 SUBJECT_CAPS x");
        assertThat(report.split("\r\n")).hasSize(3).allMatch(line -> line.length() < 200);
    }

    @ParameterizedTest(name = "score {0} → \"{1}\"")
    @CsvSource({"-4.0, ''", "0.0, ''", "4.9, ****", "5.0, *****", "7.5, *******", "1000.0, **************************************************"})
    void levelHasAStarPerWholePointForSieveToTest(double score, String level) {
        assertThat(SpamHeaders.level(score)).isEqualTo(level);
    }
}
