package dev.postino.core.sieve;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.postino.core.spam.SpamThresholds;

class SpamTestLevelTest {
    @ParameterizedTest(name = "judged={0} score={1} → {2}")
    @CsvSource({
        "false, -4.0, 1",
        "false, 0.0, 1",
        "false, 1.0, 2",
        "false, 1.7, 3",
        "false, 3.4, 4",
        "false, 4.9, 4",
        // the check's verdict wins over a threshold set differently here
        "false, 7.0, 4",
        "true, 5.0, 5",
        "true, 6.0, 5",
        "true, 7.0, 6",
        "true, 11.0, 8",
        "true, 14.9, 9",
        "true, 15.0, 10",
        "true, 99.0, 10",
        "true, 3.0, 5",
    })
    void levelsFollowTheThresholds(boolean judged, double score, int level) {
        assertThat(SpamTestLevel.of(judged, score, SpamThresholds.of(5.0, 15.0))).isEqualTo(level);
    }

    @ParameterizedTest(name = "tag=reject: judged={0} score={1} → {2}")
    @CsvSource({"true, 5.0, 10", "true, 4.0, 5", "false, 4.0, 4"})
    void equalThresholdsLeaveNoBandBetweenThem(boolean judged, double score, int level) {
        assertThat(SpamTestLevel.of(judged, score, SpamThresholds.of(5.0, 5.0))).isEqualTo(level);
    }
}
