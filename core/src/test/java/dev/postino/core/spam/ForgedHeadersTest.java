package dev.postino.core.spam;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ForgedHeadersTest {
    @ParameterizedTest(name = "{0} → strip={1}")
    @CsvSource({
        "X-Spam-Status, true",
        "x-spam-score, true",
        "X-SPAM-FLAG, true",
        "X-Spam-Report, true",
        "' X-Spam-Level', true",
        "X-Spam, true",
        "X-Spamd-Result, false",
        "X-SpamCop-Checked, false",
        "X-Mailer, false",
        "Subject, false",
    })
    void everyXSpamHeaderAndNothingElse(String name, boolean strip) {
        assertThat(ForgedHeaders.isSpamHeader(name)).isEqualTo(strip);
    }
}
