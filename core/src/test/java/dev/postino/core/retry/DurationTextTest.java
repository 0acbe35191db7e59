package dev.postino.core.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationTextTest {

    @ParameterizedTest
    @CsvSource({
        "30s,    30",
        "5m,     300",
        "4h,     14400",
        "2d,     172800",
        "0,      0",
        "' 90m ', 5400",
        "4000s,  4000",
    })
    void parses(String text, long seconds) {
        assertThat(DurationText.parse(text)).isEqualTo(Duration.ofSeconds(seconds));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "5", "5 m", "5M", "1h30m", "1.5h", "-5m", "PT5M", "5w", "0s0", "m", "1234567890s", "00x"})
    void rejectsAnythingElse(String text) {
        assertThatThrownBy(() -> DurationText.parse(text))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("'" + text + "'");
    }

    @ParameterizedTest
    @CsvSource({
        "0,      0",
        "30,     30s",
        "300,    5m",
        "4000,   4000s",
        "14400,  4h",
        "432000, 5d",
    })
    void formatsWithTheLargestUnitThatDivides(long seconds, String text) {
        assertThat(DurationText.format(Duration.ofSeconds(seconds))).isEqualTo(text);
        assertThat(DurationText.parse(text)).isEqualTo(Duration.ofSeconds(seconds));
    }
}
