package dev.postino.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.postino.core.size.SizeLimits;

class PostinoPropertiesSizeTest {
    private static final Path HOME = Path.of("/nonexistent");

    @Test
    void sizeKeysByTheirLiteralNames() {
        PostinoProperties properties = PostinoProperties.parse("postino.properties", Map.of(
            "helo.name", "mx.a.test",
            "size.limit", "25M",
            "size.limit.submission.domain.a.test", "10M",
            "size.limit.submission.user.ceo@a.test", "50M",
            "size.limit.inbound.domain.b.test", "5M",
            "size.limit.inbound.user.archive@b.test", "unlimited"), HOME);

        SizeLimits limits = properties.sizeLimits();
        assertThat(limits.global()).isEqualTo(25L << 20);
        assertThat(limits.limitFor(Optional.of("alice@a.test"), "x@c.test")).isEqualTo(10L << 20);
        assertThat(limits.limitFor(Optional.of("ceo@a.test"), "x@c.test")).isEqualTo(50L << 20);
        assertThat(limits.limitFor(Optional.empty(), "bob@b.test")).isEqualTo(5L << 20);
        assertThat(limits.limitFor(Optional.empty(), "archive@b.test")).isEqualTo(SizeLimits.UNLIMITED);
    }

    @Test
    void withoutSizeKeysThereIsNoLimit() {
        assertThat(PostinoProperties.parse("postino.properties", Map.of(), HOME).sizeLimits().isUnlimited()).isTrue();
    }

    @Test
    void anUnknownSizeKeyIsNamedWithTheFile() {
        assertThatThrownBy(() -> PostinoProperties.parse("conf/postino.properties",
            Map.of("size.limit.inbound.domian.b.test", "5M"), HOME))
            .isInstanceOf(ConfigException.class)
            .hasMessageStartingWith("conf/postino.properties: unknown key size.limit.inbound.domian.b.test");
    }

    @Test
    void aBadSizeIsNamedWithItsKey() {
        assertThatThrownBy(() -> PostinoProperties.parse("conf/postino.properties", Map.of("size.limit", "25"), HOME))
            .isInstanceOf(ConfigException.class)
            .hasMessageContaining("conf/postino.properties: bad value for size.limit='25'");
    }

    @Test
    void otherUnknownKeysAreStillRefused() {
        assertThatThrownBy(() -> PostinoProperties.parse("conf/postino.properties", Map.of("sizelimit", "25M"), HOME))
            .isInstanceOf(ConfigException.class)
            .hasMessageContaining("unknown key(s) [sizelimit]");
    }
}
