package dev.postino.core.size;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SizeLimitsConfigTest {
    private static final long M = 1024 * 1024;

    @Test
    void everyDocumentedKeyByItsLiteralName() {
        SizeLimits limits = SizeLimitsConfig.parse(Map.of(
            "size.limit", "25M",
            "size.limit.submission.domain.a.test", "10M",
            "size.limit.submission.user.ceo@a.test", "50M",
            "size.limit.inbound.domain.b.test", "5M",
            "size.limit.inbound.user.archive@b.test", "unlimited"));

        assertThat(limits.global()).isEqualTo(25 * M);
        assertThat(limits.submissionLimit(Optional.of("alice@a.test"))).hasValue(10 * M);
        assertThat(limits.submissionLimit(Optional.of("ceo@a.test"))).hasValue(50 * M);
        assertThat(limits.inboundLimit("bob@b.test")).hasValue(5 * M);
        assertThat(limits.inboundLimit("archive@b.test")).hasValue(SizeLimits.UNLIMITED);
    }

    @Test
    void noKeysMeansNoLimits() {
        assertThat(SizeLimitsConfig.parse(Map.of()).isUnlimited()).isTrue();
    }

    @ParameterizedTest(name = "{0}={1} → {2}")
    @CsvSource(delimiter = '|', value = {
        "size.limits                          | 10M  | unknown key size.limits",
        "size.limit.outbound.domain.a.test    | 10M  | unknown key size.limit.outbound.domain.a.test",
        "size.limit.submission.a.test         | 10M  | unknown key size.limit.submission.a.test",
        "size.max                             | 10M  | unknown key size.max",
        "size.limit                           | 10   | bad value for size.limit='10'",
        "size.limit                           | 10mb | bad value for size.limit='10mb'",
        "size.limit                           |      | bad value for size.limit=''",
        "size.limit.inbound.domain.b.test     | 1.5M | bad value for size.limit.inbound.domain.b.test='1.5M'",
        "size.limit.inbound.domain.           | 5M   | key size.limit.inbound.domain. must end with a domain",
        "size.limit.inbound.domain.bob@b.test | 5M   | key size.limit.inbound.domain.bob@b.test must end with a domain",
        "size.limit.submission.user.a.test    | 5M   | key size.limit.submission.user.a.test must end with an address",
        "size.limit.inbound.user.@b.test      | 5M   | key size.limit.inbound.user.@b.test must end with an address",
    })
    void badKeysAndValuesAreNamed(String key, String value, String message) {
        assertThatThrownBy(() -> SizeLimitsConfig.parse(Map.of(key, value == null ? "" : value)))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining(message);
    }

    @ParameterizedTest(name = "{0} ↔ {1}")
    @CsvSource(delimiter = '|', value = {
        "10M       | 10M",
        "1024B     | 1K",
        "unlimited | unlimited",
        " 5K       | 5K",
    })
    void oneLimitParsesAndFormatsBack(String text, String formatted) {
        assertThat(SizeLimitsConfig.formatLimit(SizeLimitsConfig.parseLimit(text))).isEqualTo(formatted);
    }

    @Test
    void aBadLimitSaysWhatIsExpected() {
        assertThatThrownBy(() -> SizeLimitsConfig.parseLimit("10MB")).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("'10MB' is not a size").hasMessageEndingWith(", or unlimited");
    }
}
