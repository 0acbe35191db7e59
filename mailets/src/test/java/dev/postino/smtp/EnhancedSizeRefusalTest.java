package dev.postino.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.smtp.SMTPResponse;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class EnhancedSizeRefusalTest {
    @ParameterizedTest(name = "{0} {1} → {2}")
    @CsvSource(delimiter = '|', value = {
        "552 | Quota exceeded                                 | [552 5.3.4 Message size exceeds fixed maximum message size]",
        "552 | 5.3.4 Message too big for this recipient       | [552 5.3.4 Message too big for this recipient]",
        "552 | 5.2.2 Mailbox full                             | [552 5.2.2 Mailbox full]",
        "250 | 2.6.0 Message received                         | [250 2.6.0 Message received]",
        "451 | 4.0.0 Error processing message                 | [451 4.0.0 Error processing message]",
    })
    void onlyJamesBareSizeRefusalGetsItsCode(String code, String text, String expected) {
        Response inner = new SMTPResponse(code, text);

        Response answer = new EnhancedSizeRefusal().onLine(null, ".\r\n".getBytes(), (session, line) -> inner);

        assertThat(answer.getLines()).hasToString(expected);
    }

    @Test
    void linesInsideTheMessageAreNotAnswered() {
        assertThat(new EnhancedSizeRefusal().onLine(null, "hello\r\n".getBytes(), (session, line) -> null)).isNull();
    }
}
