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
        "1000000    | 1000000 | ",
        "2000000    | 1000000 | message size 2 MB exceeds the receiving server's limit of 1 MB",
        "2097152    | 1000000 | message size 2.1 MB exceeds the receiving server's limit of 1 MB",
        "524289     | 524288  | message size 524.3 kB exceeds the receiving server's limit of 524.2 kB",
        "1025       | 1024    | message size 1.1 kB exceeds the receiving server's limit of 1 kB",
        "2048       | 1500    | message size 2.1 kB exceeds the receiving server's limit of 1.5 kB",
        "501        | 500     | message size 501 bytes exceeds the receiving server's limit of 500 bytes",
        "0          | 1       | ",
        "10485760   | 0       | ",
        "9000000000 | 0       | ",
        "9000000000 | 10485760 | message size 9 GB exceeds the receiving server's limit of 10.4 MB",
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

    @Test
    void negativeSizesAreABug() {
        assertThatThrownBy(() -> RemoteSizeCheck.check(-1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RemoteSizeCheck.check(1, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
