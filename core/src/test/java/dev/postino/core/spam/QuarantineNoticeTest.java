package dev.postino.core.spam;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QuarantineNoticeTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Great offer | Message not sent (held as spam): Great offer",
        "'  '        | Message not sent (held as spam): (no subject)",
    })
    void namesTheMessageTheRecipientsAndTheVerdictWithoutQuotingIt(String subject, String expectedSubject) {
        QuarantineNotice notice = QuarantineNotice.compose(subject, List.of("carol@c.test", "dan@d.test"),
            "Yes, score=1000.0 required=5.0 tests=GTUBE");

        assertThat(notice.subject()).isEqualTo(expectedSubject);
        assertThat(notice.body())
            .contains("To:         carol@c.test, dan@d.test")
            .contains("Spam check: Yes, score=1000.0 required=5.0 tests=GTUBE")
            .contains("change your password");
    }
}
