package dev.postino.core.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RetryScheduleTest {

    /** The base delays after attempt 1, 2, 3…, as DurationText, space separated. */
    private static String baseDelays(RetrySchedule schedule, int count) {
        List<String> out = new ArrayList<>();
        for (int attempt = 1; attempt <= count; attempt++) {
            out.add(DurationText.format(schedule.baseDelay(attempt)));
        }
        return String.join(" ", out);
    }

    @ParameterizedTest
    @CsvSource({
        // initial, cap,  first eight base delays
        "5m,   4000s, 5m 10m 20m 40m 4000s 4000s 4000s 4000s",
        "1m,   1h,    1m 2m 4m 8m 16m 32m 1h 1h",
        "30s,  30s,   30s 30s 30s 30s 30s 30s 30s 30s",
        "1s,   3s,    1s 2s 3s 3s 3s 3s 3s 3s",
    })
    void exponentialDoublesUpToTheCap(String initial, String cap, String expected) {
        RetrySchedule schedule = RetrySchedule.exponential(DurationText.parse(initial), DurationText.parse(cap));
        assertThat(baseDelays(schedule, 8)).isEqualTo(expected);
        assertThat(schedule.cap()).isEqualTo(DurationText.parse(cap));
    }

    @Test
    void defaultsAreThoseOfPostfix() {
        RetrySchedule schedule = RetrySchedule.defaults();
        assertThat(schedule.baseDelay(1)).isEqualTo(Duration.ofMinutes(5));
        assertThat(schedule.cap()).isEqualTo(Duration.ofSeconds(4000));
        assertThat(schedule.jitter()).isEqualTo(0.1);
        assertThat(schedule.baseDelay(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(4000));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // spec                     | first ten base delays
        "5m, 10m, 20m, 1h*3, 4h      | 5m 10m 20m 1h 1h 1h 4h 4h 4h 4h",
        "5m                          | 5m 5m 5m 5m 5m 5m 5m 5m 5m 5m",
        "30s*2,2m                    | 30s 30s 2m 2m 2m 2m 2m 2m 2m 2m",
        " 1m * 4 , 1h*1, 2d          | 1m 1m 1m 1m 1h 2d 2d 2d 2d 2d",
        "1h, 5m                      | 1h 5m 5m 5m 5m 5m 5m 5m 5m 5m",
    })
    void explicitListWithRepeatsAndALastEntryThatRepeats(String spec, String expected) {
        assertThat(baseDelays(RetrySchedule.parse(spec), 10)).isEqualTo(expected);
    }

    @Test
    void aListsCapIsItsLargestEntry() {
        assertThat(RetrySchedule.parse("1h, 5m").cap()).isEqualTo(Duration.ofHours(1));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // spec                  | the message names
        "5m, 10x, 1h             | '10x'",
        "5m,,1h                  | entry 2 is empty",
        "5m, 1h,                 | entry 3 is empty",
        "1h*0                    | '1h*0'",
        "1h*                     | '1h*'",
        "1h*x                    | '1h*x'",
        "1h*2*3                  | '1h*2*3'",
        "1h*10001                | '1h*10001'",
        "0, 5m                   | '0'",
        "5 m                     | '5 m'",
        "*3                      | '*3'",
        "1H                      | '1H'",
    })
    void badTokensAreNamed(String spec, String named) {
        assertThatThrownBy(() -> RetrySchedule.parse(spec))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining(named);
    }

    @Test
    void emptyScheduleIsRejected() {
        assertThatThrownBy(() -> RetrySchedule.parse("  ")).hasMessageContaining("empty retry schedule");
    }

    @ParameterizedTest
    @CsvSource({
        "1h, 5m, below the initial",
        "0,  5m, at least 1s",
    })
    void exponentialChecksItsBounds(String initial, String cap, String message) {
        assertThatThrownBy(() -> RetrySchedule.exponential(DurationText.parse(initial), DurationText.parse(cap)))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining(message);
    }

    @ParameterizedTest
    @CsvSource({"-0.1", "0.51", "NaN"})
    void jitterOutOfRangeIsRejected(double jitter) {
        assertThatThrownBy(() -> RetrySchedule.defaults().withJitter(jitter))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("jitter");
    }

    @Test
    void withoutJitterTheDelayIsTheBaseDelay() {
        RetrySchedule schedule = RetrySchedule.defaults().withJitter(0);
        assertThat(schedule.delay(2, new Random(1))).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void sameSeedSameDelays() {
        RetrySchedule schedule = RetrySchedule.defaults();
        Random a = new Random(42);
        Random b = new Random(42);
        for (int attempt = 1; attempt < 20; attempt++) {
            assertThat(schedule.delay(attempt, a)).isEqualTo(schedule.delay(attempt, b));
        }
    }

    /** Property: over many seeds, a jittered delay stays within [base*(1-j), min(base*(1+j), cap)], whole seconds. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "exponential | 0.1",
        "exponential | 0.5",
        "1s, 2s, 5m*2, 1h | 0.5",
        "5m, 10m, 20m, 1h*10, 4h | 0.1",
    })
    void jitterStaysWithinItsBandAndNeverPassesTheCap(String spec, double jitter) {
        RetrySchedule schedule = (spec.equals("exponential") ? RetrySchedule.defaults() : RetrySchedule.parse(spec))
            .withJitter(jitter);
        for (long seed = 0; seed < 1000; seed++) {
            Random random = new Random(seed);
            for (int attempt = 1; attempt <= 12; attempt++) {
                long base = schedule.baseDelay(attempt).getSeconds();
                Duration delay = schedule.delay(attempt, random);
                assertThat(delay.getNano()).isZero();
                assertThat(delay).isLessThanOrEqualTo(schedule.cap()).isGreaterThanOrEqualTo(RetrySchedule.MINIMUM_DELAY);
                assertThat(delay.getSeconds()).isBetween(Math.max(1, (long) Math.floor(base * (1 - jitter))),
                    (long) Math.ceil(base * (1 + jitter)));
            }
        }
    }

    @Test
    void jitterSpreadsMailThatFailedTogether() {
        RetrySchedule schedule = RetrySchedule.defaults();
        Random random = new Random(7);
        List<Long> delays = Arrays.stream(new int[50]).mapToObj(i -> schedule.delay(1, random).getSeconds())
            .distinct().collect(Collectors.toList());
        assertThat(delays).hasSizeGreaterThan(10);
    }

    @Test
    void toStringIsReadableInLogs() {
        assertThat(RetrySchedule.defaults()).hasToString("exponential 5m..4000s jitter 0.1");
        assertThat(RetrySchedule.parse("5m,1h*10, 4h").withJitter(0)).hasToString("5m, 1h*10, 4h jitter 0.0");
    }
}
