package dev.postino.core.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ForgedHeaderPolicyTest {
    @ParameterizedTest(name = "{0} → strip={1}")
    @CsvSource({
        "X-Spam-Status, true",
        "x-spam-score, true",
        "X-SPAM-FLAG, true",
        "X-Spam-Report, true",
        "' X-Spam-Level', true",
        "X-Spamd-Result, false",
        "X-Mailer, false",
        "Subject, false",
        "X-Spam, false",
    })
    void stripsEveryXSpamHeaderAndNothingElse(String name, boolean strip) {
        assertThat(ForgedHeaderPolicy.mustStrip(name)).isEqualTo(strip);
    }
}
