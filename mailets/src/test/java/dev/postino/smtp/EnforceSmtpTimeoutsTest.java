package dev.postino.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.apache.commons.configuration2.MapConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EnforceSmtpTimeoutsTest {
    private static EnforceSmtpTimeouts handler(String... keyValues) throws ConfigurationException {
        Map<String, Object> values = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            values.put(keyValues[i], keyValues[i + 1]);
        }
        values.put("[@class]", EnforceSmtpTimeouts.class.getName());
        EnforceSmtpTimeouts handler = new EnforceSmtpTimeouts();
        handler.init(new MapConfiguration(values));
        return handler;
    }

    @Test
    void defaultsAreFiveMinutesACommandHalfAnHourOfDataAndAnHourASession() throws Exception {
        SessionDeadlines.Limits limits = handler().limits();
        assertThat(limits.command()).isEqualTo(Duration.ofMinutes(5));
        assertThat(limits.data()).isEqualTo(Duration.ofMinutes(30));
        assertThat(limits.session()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void theDocumentedKeysAreRead() throws Exception {
        SessionDeadlines.Limits limits = handler("commandTimeout", "2s", "dataTimeout", "10m", "sessionTimeout", "4h").limits();
        assertThat(limits.command()).isEqualTo(Duration.ofSeconds(2));
        assertThat(limits.data()).isEqualTo(Duration.ofMinutes(10));
        assertThat(limits.session()).isEqualTo(Duration.ofHours(4));
    }

    @ParameterizedTest
    @CsvSource({"commandTimeout, soon", "dataTimeout, 0s", "sessionTimeout, -1m", "commandTimeout, 5",
        // Past 292 years a deadline overflows System.nanoTime arithmetic: every connection failed.
        "sessionTimeout, 999999999d", "dataTimeout, 999999999m", "commandTimeout, 3651d"})
    void aBadValueFailsStartUpNamingTheKey(String key, String value) {
        assertThatThrownBy(() -> handler(key, value)).isInstanceOf(ConfigurationException.class)
            .hasMessageContaining(key).hasMessageContaining(value);
    }

    @Test
    void tenYearsIsTheLongestBound() throws Exception {
        assertThat(handler("sessionTimeout", "3650d").limits().session()).isEqualTo(Duration.ofDays(3650));
    }

    @Test
    void anUnknownKeyFailsStartUp() {
        assertThatThrownBy(() -> handler("connectionTimeout", "5m")).isInstanceOf(ConfigurationException.class)
            .hasMessageContaining("connectionTimeout");
    }
}
