package dev.postino.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RemoteSizeCheckTest {
    @ParameterizedTest(name = "{0} bytes against SIZE {1}")
    @CsvSource(delimiter = '|', value = {
        "1048576    | 1048576 | ",
        "1048577    | 1048576 | message size 1.1 MB exceeds the receiving server's limit of 1 MB",
        "524288     | 524288  | ",
        "524289     | 524288  | message size 512.1 KB exceeds the receiving server's limit of 512 KB",
        "1025       | 1024    | message size 1.1 KB exceeds the receiving server's limit of 1 KB",
        "2048       | 1500    | message size 2 KB exceeds the receiving server's limit of 1.4 KB",
        "501        | 500     | message size 501 bytes exceeds the receiving server's limit of 500 bytes",
        "0          | 1       | ",
        "10485760   | 0       | ",
        "9000000000 | 0       | ",
        "9000000000 | 10485760 | message size 8.4 GB exceeds the receiving server's limit of 10 MB",
    })
    void failsOnlyWhatDoesNotFit(long size, long limit, String text) {
        Optional<DeliveryOutcome> outcome = RemoteSizeCheck.check(size, limit);

        if (text == null) {
            assertThat(outcome).isEmpty();
            return;
        }
        assertThat(outcome).hasValueSatisfying(o -> {
            assertThat(o.isPermanent()).isTrue();
            assertThat(o.status()).hasToString("5.3.4");
            assertThat(o.phase()).isEqualTo(SmtpPhase.MAIL);
            assertThat(o.text()).isEqualTo(text);
        });
    }

    @ParameterizedTest(name = "{0} bytes → {1} / {2}")
    @CsvSource(delimiter = '|', value = {
        "0             | 0 bytes    | 0 bytes",
        "1             | 1 byte     | 1 byte",
        "1023          | 1023 bytes | 1023 bytes",
        "1024          | 1 KB       | 1 KB",
        "1536          | 1.5 KB     | 1.5 KB",
        "1048575       | 1024 KB    | 1023.9 KB",
        "1048576       | 1 MB       | 1 MB",
        "1073741824    | 1 GB       | 1 GB",
        "1099511627776 | 1 TB       | 1 TB",
    })
    void humanSizesAreBinaryWithOneDecimal(long bytes, String up, String down) {
        assertThat(RemoteSizeCheck.humanSize(bytes, true)).isEqualTo(up);
        assertThat(RemoteSizeCheck.humanSize(bytes, false)).isEqualTo(down);
    }

    @Test
    void negativeSizesAreABug() {
        assertThatThrownBy(() -> RemoteSizeCheck.check(-1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RemoteSizeCheck.check(1, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
