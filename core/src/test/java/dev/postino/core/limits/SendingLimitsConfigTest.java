package dev.postino.core.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SendingLimitsConfigTest {
    @Test
    void everyDocumentedKeyByItsLiteralName() {
        LimitTable table = SendingLimitsConfig.parse(Map.of(
            "sending.limit.messages-per-hour", "100",
            "sending.limit.messages-per-day", "800",
            "sending.limit.recipients-per-message", "50",
            "sending.limit.recipients-per-hour", "400",
            "sending.limit.recipients-per-day", "unlimited",
            "sending.limit.messages-per-day.domain.a.test", "200",
            "sending.limit.recipients-per-message.domain.a.test", "10",
            "sending.limit.messages-per-hour.user.alice@a.test", "3",
            "sending.limit.messages-per-day.user.news@a.test", "0"));

        assertThat(table.defaults()).isEqualTo(LimitSet.empty()
            .with(LimitKind.MESSAGES_PER_HOUR, 100).with(LimitKind.MESSAGES_PER_DAY, 800)
            .with(LimitKind.RECIPIENTS_PER_MESSAGE, 50).with(LimitKind.RECIPIENTS_PER_HOUR, 400)
            .with(LimitKind.RECIPIENTS_PER_DAY, LimitText.UNLIMITED));
        assertThat(table.domain("a.test")).hasValue(LimitSet.empty()
            .with(LimitKind.MESSAGES_PER_DAY, 200).with(LimitKind.RECIPIENTS_PER_MESSAGE, 10));
        assertThat(table.user("alice@a.test")).hasValue(LimitSet.empty().with(LimitKind.MESSAGES_PER_HOUR, 3));
        assertThat(table.user("News@A.test")).hasValue(LimitSet.empty().with(LimitKind.MESSAGES_PER_DAY, 0));
    }

    @Test
    void noKeysMeansAnEmptyTable() {
        assertThat(SendingLimitsConfig.parse(Map.of())).isEqualTo(LimitTable.empty());
    }

    @ParameterizedTest(name = "{0}={1} → {2}")
    @CsvSource(delimiter = '|', value = {
        "sending.limit.messages-per-hours               | 10  | unknown key sending.limit.messages-per-hours",
        "sending.limit.messages                         | 10  | unknown key sending.limit.messages",
        "sending.limit.messages-per-hour.group.a.test   | 10  | unknown key sending.limit.messages-per-hour.group.a.test",
        "sending.limit.messages-per-hour                | -1  | bad value for sending.limit.messages-per-hour='-1'",
        "sending.limit.messages-per-hour                | 1e3 | bad value for sending.limit.messages-per-hour='1e3'",
        "sending.limit.recipients-per-day               | 1.5 | bad value for sending.limit.recipients-per-day='1.5'",
        "sending.limit.recipients-per-day               |     | bad value for sending.limit.recipients-per-day=''",
        "sending.limit.messages-per-day.domain.         | 5   | key sending.limit.messages-per-day.domain. must end with a domain",
        "sending.limit.messages-per-day.domain.x@a.test | 5   | key sending.limit.messages-per-day.domain.x@a.test must end with a domain",
        "sending.limit.messages-per-day.user.a.test     | 5   | key sending.limit.messages-per-day.user.a.test must end with an address",
        "sending.limit.messages-per-day.user.@a.test    | 5   | key sending.limit.messages-per-day.user.@a.test must end with an address",
    })
    void badKeysAndValuesAreNamed(String key, String value, String message) {
        assertThatThrownBy(() -> SendingLimitsConfig.parse(Map.of(key, value == null ? "" : value)))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining(message);
    }
}
