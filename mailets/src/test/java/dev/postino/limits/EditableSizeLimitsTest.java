package dev.postino.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.postino.config.JsonFields;
import dev.postino.core.BadField;
import dev.postino.spam.FakeFileSystem;

class EditableSizeLimitsTest {
    private static final long K = 1024;

    @TempDir
    Path home;

    private EditableSizeLimits limits() throws Exception {
        Files.createDirectories(home.resolve("conf"));
        Files.writeString(home.resolve("conf/postino.properties"), "size.limit=1M\n"
            + "size.limit.submission.domain.a.test=200K\nsize.limit.inbound.domain.a.test=300K\n");
        FakeFileSystem fileSystem = new FakeFileSystem(home);
        return new EditableSizeLimits(fileSystem, new FileSizeLimitOverrides(fileSystem));
    }

    @Test
    void aWebadminEntryOverridesTheDirectionsItGivesAndIsKeptAcrossARestart() throws Exception {
        EditableSizeLimits limits = limits();
        limits.put("a.test", new SizeLimitEntry(OptionalLong.of(50 * K), OptionalLong.empty()));
        limits.put("ceo@a.test", SizeLimitEntry.read(JsonFields.parse("{\"submission\": \"unlimited\"}")));

        EditableSizeLimits restarted = limits();
        assertThat(restarted.limits().submissionLimit(Optional.of("alice@a.test"))).hasValue(50 * K);
        assertThat(restarted.limits().inboundLimit("bob@a.test")).as("the file's inbound limit stays").hasValue(300 * K);
        assertThat(restarted.limits().limitFor(Optional.of("ceo@a.test"), "x@c.test")).isEqualTo(Long.MAX_VALUE);
        assertThat(restarted.limits().global()).isEqualTo(1024 * K);
        assertThat(restarted.overrides()).containsOnlyKeys("a.test", "ceo@a.test");
        assertThat(Files.readString(home.resolve("var/postino/size-limits.json")))
            .contains("\"submission\" : \"50K\"").contains("\"submission\" : \"unlimited\"");

        assertThat(restarted.remove("a.test")).isTrue();
        assertThat(restarted.limits().submissionLimit(Optional.of("alice@a.test"))).hasValue(200 * K);
        assertThat(restarted.remove("a.test")).isFalse();
    }

    @ParameterizedTest(name = "{0} bytes")
    @CsvSource({"10000000000001", "1099511627777", "9223372036854775806"})
    void aLimitGivenInBytesIsKeptAndReadBackAfterARestart(long bytes) throws Exception {
        EditableSizeLimits limits = limits();
        limits.put("b.test", SizeLimitEntry.read(JsonFields.parse("{\"inbound\": " + bytes + "}")));

        EditableSizeLimits restarted = limits();
        assertThat(restarted.limits().inboundLimit("bob@b.test")).hasValue(bytes);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
        "B.Test        | b.test",
        "CEO@A.Test    | ceo@a.test",
        "x.y.b.test    | x.y.b.test",
    })
    void keysAreLowerCase(String key, String normalized) {
        assertThat(SizeLimitKey.normalize(key)).isEqualTo(normalized);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
        "b..test      | domain",
        ".b.test      | domain",
        "b.test.      | domain",
        "*            | domain",
        "[10.0.0.1]   | domain",
        "a@@b.test    | user",
        "@b.test      | user",
        "a@b..test    | user",
        "a@[10.0.0.1] | user",
    })
    void malformedKeysNameTheirKind(String key, String field) {
        assertThatThrownBy(() -> SizeLimitKey.normalize(key)).isInstanceOfSatisfying(BadField.class,
            e -> assertThat(e.field()).isEqualTo(field));
    }
}
