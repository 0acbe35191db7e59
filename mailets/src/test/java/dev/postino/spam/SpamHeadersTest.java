package dev.postino.spam;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;

import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.postino.core.spam.BayesResult;
import dev.postino.core.spam.Contribution;
import dev.postino.core.spam.SpamThresholds;
import dev.postino.core.spam.SpamVerdict;

class SpamHeadersTest {
    @Test
    void reportReasonsAreFoldedPrintableAsciiAndCannotInjectHeaderLines() {
        SpamVerdict verdict = new SpamVerdict(7.0, SpamThresholds.defaults(), List.of(
            new Contribution("BAYES_99", 4.0, "spam probability 0.99 from caf\u00e9\r\nX-Injected: yes"),
            new Contribution("SUBJECT_CAPS", 2.0, "x".repeat(500))), BayesResult.abstained());

        String report = SpamHeaders.report(verdict);

        assertThat(report).startsWith("\r\n *   4.0 BAYES_99 spam probability 0.99 from caf???X-Injected: yes\r\n *   2.0 SUBJECT_CAPS x");
        assertThat(report.split("\r\n")).hasSize(3).allMatch(line -> line.length() < 200);
    }

    @ParameterizedTest(name = "score {0} → \"{1}\"")
    @CsvSource({"-4.0, ''", "0.0, ''", "4.9, ****", "5.0, *****", "7.5, *******", "1000.0, **************************************************"})
    void levelHasAStarPerWholePointForSieveToTest(double score, String level) {
        assertThat(SpamHeaders.level(score)).isEqualTo(level);
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain; charset", "multipart/mixed; boundary=\"not-in-the-body\"", "garbage"})
    void aContentTypeJavaMailCannotParseDoesNotStopTheVerdictBeingWritten(String contentType) throws Exception {
        String raw = "From: a@b.example\r\nSubject: s\r\nX-Spam-Flag: YES\r\nMIME-Version: 1.0\r\nContent-Type: "
            + contentType + "\r\n\r\nbody\r\n";
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()),
            new ByteArrayInputStream(raw.getBytes(StandardCharsets.US_ASCII)));
        SpamVerdict verdict = new SpamVerdict(6.0, SpamThresholds.defaults(),
            List.of(new Contribution("BAYES_9999", 6.0, "spam probability 1.0")), BayesResult.abstained());

        SpamHeaders.write(message, verdict);

        assertThat(message.getHeader("X-Spam-Status", null)).startsWith("Yes, score=6.0");
        assertThat(message.getHeader("X-Spam-Flag")).isNull();
    }
}
