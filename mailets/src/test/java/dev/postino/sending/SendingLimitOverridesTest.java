package dev.postino.sending;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.postino.config.ChangedOnDiskException;
import dev.postino.config.ConfigException;
import dev.postino.core.limits.LimitKind;
import dev.postino.core.limits.LimitSet;

class SendingLimitOverridesTest {
    @TempDir
    Path home;

    private Path file() {
        return home.resolve(SendingLimitOverrides.FILE);
    }

    @Test
    void overridesAreSavedAndReadBack() throws Exception {
        SendingLimitOverrides overrides = SendingLimitOverrides.load(file());
        assertThat(overrides.table().users()).isEmpty();

        overrides.put(LimitTarget.parse("Alice@A.test"), LimitSet.empty().with(LimitKind.MESSAGES_PER_HOUR, 3));
        overrides.put(LimitTarget.parse("a.test"), LimitSet.empty().with(LimitKind.MESSAGES_PER_DAY, 200));
        overrides.put(LimitTarget.parse("b.test"), LimitSet.empty().with(LimitKind.RECIPIENTS_PER_DAY, 9));
        assertThat(overrides.remove(LimitTarget.parse("b.test"))).isTrue();
        assertThat(overrides.remove(LimitTarget.parse("b.test"))).as("already gone").isFalse();

        assertThat(Files.readString(file())).contains("\"alice@a.test\"").contains("\"messagesPerHour\" : 3");
        assertThat(home.resolve(SendingLimitOverrides.FILE + ".tmp")).doesNotExist();
        SendingLimitOverrides reloaded = SendingLimitOverrides.load(file());
        assertThat(reloaded.table()).isEqualTo(overrides.table());
        assertThat(reloaded.get(LimitTarget.parse("alice@a.test"))).hasValue(LimitSet.empty().with(LimitKind.MESSAGES_PER_HOUR, 3));
        assertThat(reloaded.get(LimitTarget.parse("b.test"))).isEmpty();
    }

    @Test
    void aBrokenFileStopsStartUpNamingTheFileAndTheField() throws Exception {
        Files.createDirectories(file().getParent());
        Files.writeString(file(), "{\"users\": {\"alice@a.test\": {\"messagesPerHour\": \"many\"}}}");
        assertThatThrownBy(() -> SendingLimitOverrides.load(file())).isInstanceOf(ConfigException.class)
            .hasMessageStartingWith(file() + ": users.alice@a.test.messagesPerHour: must be");

        Files.writeString(file(), "{\"users\": {\"a.test\": {\"messagesPerHour\": 1}}}");
        assertThatThrownBy(() -> SendingLimitOverrides.load(file())).hasMessageContaining("users.a.test: expected a user address");

        Files.writeString(file(), "{\"groups\": {}}");
        assertThatThrownBy(() -> SendingLimitOverrides.load(file())).hasMessageContaining("groups: unknown field");
    }

    @Test
    void aFileEditedByHandWithOneTargetTwiceStopsStartUpRatherThanDroppingOneSilently() throws Exception {
        Files.createDirectories(file().getParent());
        Files.writeString(file(), "{\"users\": {\"alice@a.test\": {\"messagesPerHour\": 3},"
            + " \"Alice@a.test\": {\"messagesPerHour\": \"unlimited\"}}}");
        assertThatThrownBy(() -> SendingLimitOverrides.load(file())).isInstanceOf(ConfigException.class)
            .hasMessageStartingWith(file() + ": users.Alice@a.test: ").hasMessageContaining("users.alice@a.test");
    }

    @Test
    void aFileEditedByHandWhileTheServerRunsIsNotOverwrittenByTheNextWebadminChange() throws Exception {
        SendingLimitOverrides overrides = SendingLimitOverrides.load(file());
        overrides.put(LimitTarget.parse("a.test"), LimitSet.empty().with(LimitKind.MESSAGES_PER_DAY, 200));
        String byHand = "{\"users\": {\"bob@a.test\": {\"messagesPerHour\": 1}}}\n";
        Files.writeString(file(), byHand);

        assertThatThrownBy(() -> overrides.put(LimitTarget.parse("b.test"), LimitSet.empty().with(LimitKind.MESSAGES_PER_DAY, 5)))
            .isInstanceOf(ChangedOnDiskException.class).hasMessageContaining(SendingLimitOverrides.FILE);
        assertThatThrownBy(() -> overrides.remove(LimitTarget.parse("a.test"))).isInstanceOf(ChangedOnDiskException.class);

        assertThat(Files.readString(file())).isEqualTo(byHand);
        assertThat(overrides.get(LimitTarget.parse("b.test"))).isEmpty();
    }

    @Test
    void targetsAreUsersOrDomains() {
        assertThat(LimitTarget.parse("alice@a.test").isUser()).isTrue();
        assertThat(LimitTarget.parse("A.Test").name()).isEqualTo("a.test");
        assertThatThrownBy(() -> LimitTarget.parse("alice@@a.test")).hasMessageContaining("is not a valid user address");
        assertThatThrownBy(() -> LimitTarget.parse("a..test")).hasMessageContaining("is not a valid domain");
        assertThatThrownBy(() -> LimitTarget.parse("a test")).hasMessageContaining("is not a valid domain");
    }
}
