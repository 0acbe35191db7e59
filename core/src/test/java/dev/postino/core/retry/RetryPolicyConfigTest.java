package dev.postino.core.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RetryPolicyConfigTest {

    private static Map<String, String> params(String... keyValues) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put(keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    @Test
    void defaults() {
        RetryPolicyConfig config = RetryPolicyConfig.fromParameters(Map.of());
        assertThat(config.schedule()).isEqualTo(RetrySchedule.defaults());
        assertThat(config.warnAfter()).isEqualTo(Duration.ofHours(4));
        assertThat(config.maxAge()).isEqualTo(Duration.ofDays(5));
        assertThat(config.maxAttempts()).isEmpty();
        assertThat(config).hasToString(RetryPolicyConfig.defaults().toString())
            .hasToString("schedule=exponential 5m..4000s jitter 0.1 warnAfter=4h maxAge=5d maxAttempts=unlimited");
    }

    /** Every documented key, by its literal name, so the documentation cannot drift from the code. */
    @Test
    void everyDocumentedKeyIsRead() {
        RetryPolicyConfig exponential = RetryPolicyConfig.fromParameters(params(
            "backoffInitial", "1m", "backoffCap", "2h", "retryJitter", "0.25", "delayWarningAfter", "0",
            "maxQueueLifetime", "2d", "maxAttempts", "12"));
        assertThat(exponential.schedule()).isEqualTo(
            RetrySchedule.exponential(Duration.ofMinutes(1), Duration.ofHours(2)).withJitter(0.25));
        assertThat(exponential.warnAfter()).isZero();
        assertThat(exponential.maxAge()).isEqualTo(Duration.ofDays(2));
        assertThat(exponential.maxAttempts()).isEqualTo(OptionalInt.of(12));

        RetryPolicyConfig list = RetryPolicyConfig.fromParameters(params("retrySchedule", "5m, 1h*3, 4h"));
        assertThat(list.schedule()).isEqualTo(RetrySchedule.parse("5m,1h*3,4h"));
        assertThat(RetryPolicyConfig.KEYS).containsExactlyInAnyOrder("retrySchedule", "backoffInitial", "backoffCap",
            "retryJitter", "delayWarningAfter", "maxQueueLifetime", "maxAttempts");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // key             | value        | the message says
        "maxQueueLifetime  | 5 days       | bad maxQueueLifetime '5 days'",
        "delayWarningAfter | 4H           | bad delayWarningAfter '4H'",
        "delayWarningAfter | 5d           | delayWarningAfter (5d) must be shorter than maxQueueLifetime (5d)",
        "delayWarningAfter | 6d           | must be shorter than maxQueueLifetime",
        "maxQueueLifetime  | 0            | maxQueueLifetime must be at least 1s",
        "backoffInitial    | 2h           | bad backoffInitial/backoffCap: delay cap 4000s is below the initial delay 2h",
        "backoffCap        | soon         | bad backoffCap 'soon'",
        "retryJitter       | 0.7          | bad retryJitter '0.7': jitter must be between 0 and 0.5",
        "retryJitter       | 10%          | bad retryJitter '10%'",
        "maxAttempts       | 0            | bad maxAttempts '0'",
        "maxAttempts       | many         | bad maxAttempts 'many'",
        "retrySchedule     | 5m, 1x       | bad retrySchedule '5m, 1x': retry schedule entry '1x'",
        "connectiontimeout | 60s          | unknown retry parameter(s) [connectiontimeout]",
    })
    void badValuesFailNamingKeyAndValue(String key, String value, String message) {
        assertThatThrownBy(() -> RetryPolicyConfig.fromParameters(params(key, value)))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining(message);
    }

    @Test
    void anExplicitScheduleExcludesTheBackoffKeys() {
        assertThatThrownBy(() -> RetryPolicyConfig.fromParameters(params("retrySchedule", "5m", "backoffCap", "1h")))
            .hasMessageContaining("retrySchedule cannot be combined with backoffInitial or backoffCap");
    }

    @Test
    void warnAfterMustBeBelowMaxAgeUnlessOff() {
        assertThatThrownBy(() -> RetryPolicyConfig.of(RetrySchedule.defaults(), Duration.ofDays(1), Duration.ofDays(1),
            OptionalInt.empty())).hasMessageContaining("must be shorter than");
        assertThat(RetryPolicyConfig.of(RetrySchedule.defaults(), Duration.ZERO, Duration.ofSeconds(1),
            OptionalInt.empty()).warnAfter()).isZero();
        assertThatThrownBy(() -> RetryPolicyConfig.of(RetrySchedule.defaults(), Duration.ofMillis(1500),
            Duration.ofDays(1), OptionalInt.empty())).hasMessageContaining("whole");
    }
}
