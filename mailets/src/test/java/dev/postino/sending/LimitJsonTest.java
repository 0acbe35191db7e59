package dev.postino.sending;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.postino.core.limits.LimitKind;
import dev.postino.core.limits.LimitSet;
import dev.postino.core.limits.LimitText;

class LimitJsonTest {
    @Test
    void everyFieldByItsName() {
        LimitSet limits = LimitJson.parse("{\"messagesPerHour\": 3, \"messagesPerDay\": 0, \"recipientsPerMessage\": 5,"
            + " \"recipientsPerHour\": 100, \"recipientsPerDay\": \"unlimited\"}");
        assertThat(limits).isEqualTo(LimitSet.empty().with(LimitKind.MESSAGES_PER_HOUR, 3).with(LimitKind.MESSAGES_PER_DAY, 0)
            .with(LimitKind.RECIPIENTS_PER_MESSAGE, 5).with(LimitKind.RECIPIENTS_PER_HOUR, 100)
            .with(LimitKind.RECIPIENTS_PER_DAY, LimitText.UNLIMITED));
        assertThat(LimitJson.write(limits).toString()).isEqualTo("{\"messagesPerHour\":3,\"messagesPerDay\":0,"
            + "\"recipientsPerMessage\":5,\"recipientsPerHour\":100,\"recipientsPerDay\":\"unlimited\"}");
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
        "{\"messagesPerHour\": -1}                    | messagesPerHour: must be a whole number from 0 up, or \"unlimited\", got -1",
        "{\"messagesPerHour\": 2.5}                   | messagesPerHour: must be",
        "{\"messagesPerHour\": \"3\"}                 | messagesPerHour: must be",
        "{\"messagesPerHour\": null}                  | messagesPerHour: must be",
        "{\"recipientsPerDay\": \"Unlimited\"}        | recipientsPerDay: must be",
        "{\"messagesPerHours\": 3}                    | messagesPerHours: unknown field; the fields are messagesPerHour,",
        "{}                                           | the body: no limit given",
        "[3]                                          | the body: expected a JSON object of limits, got array",
        "{\"messagesPerHour\": 3, \"messagesPerHour\": 4} | the body is not valid JSON: Duplicate field 'messagesPerHour'",
        "{\"messagesPerHour\": 3                      | the body is not valid JSON",
        "{\"messagesPerHour\": 3} {\"messagesPerHour\": 0} | the body is not valid JSON",
        "''                                           | the body is empty",
        "{\"messagesPerDay\": \"\\ud800\"}          | messagesPerDay: holds a character UTF-8 cannot carry",
    })
    void badBodiesAreRefusedNamingTheField(String body, String message) {
        assertThatThrownBy(() -> LimitJson.parse(body)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }
}
