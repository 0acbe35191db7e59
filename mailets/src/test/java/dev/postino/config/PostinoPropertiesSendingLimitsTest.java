package dev.postino.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.postino.core.limits.LimitKind;
import dev.postino.core.limits.LimitResolver;
import dev.postino.core.limits.LimitTable;
import dev.postino.core.limits.LimitText;
import dev.postino.core.limits.SendingLimits;

class PostinoPropertiesSendingLimitsTest {
    private static final Path HOME = Path.of("/nonexistent");

    @Test
    void sendingLimitKeysByTheirLiteralNames() {
        PostinoProperties properties = PostinoProperties.parse("postino.properties", Map.of(
            "helo.name", "mx.a.test",
            "sending.limit.messages-per-hour", "100",
            "sending.limit.messages-per-day", "800",
            "sending.limit.recipients-per-message", "50",
            "sending.limit.recipients-per-hour", "400",
            "sending.limit.recipients-per-day", "unlimited",
            "sending.limit.messages-per-day.domain.a.test", "200",
            "sending.limit.messages-per-hour.user.alice@a.test", "3"), HOME);

        LimitTable table = properties.sendingLimits();
        SendingLimits carol = LimitResolver.resolve("carol@c.test", table, LimitTable.empty());
        assertThat(carol.limit(LimitKind.MESSAGES_PER_HOUR)).isEqualTo(100);
        assertThat(carol.limit(LimitKind.MESSAGES_PER_DAY)).isEqualTo(800);
        assertThat(carol.limit(LimitKind.RECIPIENTS_PER_MESSAGE)).isEqualTo(50);
        assertThat(carol.limit(LimitKind.RECIPIENTS_PER_HOUR)).isEqualTo(400);
        assertThat(carol.limit(LimitKind.RECIPIENTS_PER_DAY)).isEqualTo(LimitText.UNLIMITED);
        SendingLimits alice = LimitResolver.resolve("alice@a.test", table, LimitTable.empty());
        assertThat(alice.limit(LimitKind.MESSAGES_PER_HOUR)).isEqualTo(3);
        assertThat(alice.limit(LimitKind.MESSAGES_PER_DAY)).isEqualTo(200);
    }

    @Test
    void withoutSendingKeysTheBuiltInDefaultsApply() {
        LimitTable table = PostinoProperties.parse("postino.properties", Map.of(), HOME).sendingLimits();
        assertThat(table).isEqualTo(LimitTable.empty());
        assertThat(LimitResolver.resolve("alice@a.test", table, LimitTable.empty()).limit(LimitKind.MESSAGES_PER_DAY))
            .isEqualTo(1000);
    }

    @Test
    void aBadValueStopsStartUpNamingTheFileAndTheKey() {
        assertThatThrownBy(() -> PostinoProperties.parse("conf/postino.properties",
            Map.of("sending.limit.messages-per-hour", "lots"), HOME))
            .isInstanceOf(ConfigException.class)
            .hasMessageStartingWith("conf/postino.properties: bad value for sending.limit.messages-per-hour='lots'");
    }

    @Test
    void anUnknownSendingKeyIsNamed() {
        assertThatThrownBy(() -> PostinoProperties.parse("conf/postino.properties",
            Map.of("sending.limit.mesages-per-hour", "5"), HOME))
            .isInstanceOf(ConfigException.class)
            .hasMessageStartingWith("conf/postino.properties: unknown key sending.limit.mesages-per-hour");
    }
}
