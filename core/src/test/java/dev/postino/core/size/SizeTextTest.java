package dev.postino.core.size;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SizeTextTest {
    @ParameterizedTest(name = "{0} = {1} bytes")
    @CsvSource(delimiter = '|', value = {
        "0B    | 0",
        "512B  | 512",
        "1K    | 1024",
        "512K  | 524288",
        "10M   | 10485760",
        "25M   | 26214400",
        "1G    | 1073741824",
        "0M    | 0",
        "007K  | 7168",
    })
    void parsesWholeNumbersWithAUnit(String text, long bytes) {
        assertThat(SizeText.parse(text)).isEqualTo(bytes);
    }

    @ParameterizedTest(name = "''{0}'' is refused")
    @ValueSource(strings = {"", "M", "10", "1000", "10m", "10k", "10MB", "10 M", " 10M", "1.5M", "-1M", "+1M", "10T",
        "M10", "1_000K", "ten M", "9999999999999G",
        // Past Long.MAX_VALUE bytes: these wrapped to 0 (every mail refused) or to a negative number.
        "17179869184G", "8589934592G", "17592186044416M", "999999999999G", "9223372036854775808B",
        "99999999999999999999B"})
    void refusesEverythingElse(String text) {
        assertThatThrownBy(() -> SizeText.parse(text)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("'" + text + "'");
    }

    @Test
    void theLargestSizeThatFitsIsRead() {
        assertThat(SizeText.parse("8589934591G")).isEqualTo(8589934591L << 30).isPositive();
    }

    @Test
    void refusesNull() {
        assertThatThrownBy(() -> SizeText.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "{0} bytes → {1} / {2}")
    @CsvSource(delimiter = '|', value = {
        "0             | 0 bytes   | 0 bytes",
        "1             | 1 byte    | 1 byte",
        "999           | 999 bytes | 999 bytes",
        "1000          | 1 kB      | 1 kB",
        "1500          | 1.5 kB    | 1.5 kB",
        "1024          | 1.1 kB    | 1 kB",
        "1000000       | 1 MB      | 1 MB",
        "1048576       | 1.1 MB    | 1 MB",
        "2000000       | 2 MB      | 2 MB",
        "26214400      | 26.3 MB   | 26.2 MB",
        "999999        | 1000 kB   | 999.9 kB",
        "1000000000    | 1 GB      | 1 GB",
        "1000000000000 | 1 TB      | 1 TB",
    })
    void humanSizesAreDecimalWithOneDecimal(long bytes, String up, String down) {
        assertThat(SizeText.human(bytes, true)).isEqualTo(up);
        assertThat(SizeText.human(bytes, false)).isEqualTo(down);
    }

    @ParameterizedTest(name = "{0} bytes → {1}")
    @CsvSource(delimiter = '|', value = {
        "0          | 0B",
        "1000       | 1000B",
        "1024       | 1K",
        "1536       | 1536B",
        "10485760   | 10M",
        "1073741824 | 1G",
        "3221225472 | 3G",
        "1099511627777       | 1099511627777B",
        "9223372036854775806 | 9223372036854775806B",
    })
    void exactSizesUseTheLargestUnitThatFitsAndReadBack(long bytes, String text) {
        assertThat(SizeText.exact(bytes)).isEqualTo(text);
        assertThat(SizeText.parse(text)).isEqualTo(bytes);
    }
}
