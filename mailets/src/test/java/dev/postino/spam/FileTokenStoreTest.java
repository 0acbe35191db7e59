package dev.postino.spam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.postino.core.spam.MessageClass;
import dev.postino.core.spam.TokenCounts;

class FileTokenStoreTest {
    @TempDir
    Path dir;

    @Test
    void aMissingFileIsAnEmptyStoreAndASavedOneComesBack() throws Exception {
        Path file = dir.resolve("var/postino/spam-tokens");
        FileTokenStore store = FileTokenStore.open(file);
        assertThat(store.totals()).isEqualTo(TokenCounts.ZERO);

        store.add(MessageClass.SPAM, List.of("cheap", "pills"), 1);
        store.add(MessageClass.HAM, List.of("agenda"), 1);
        assertThat(store.save()).isTrue();
        assertThat(store.save()).as("unchanged: not written again").isFalse();

        FileTokenStore again = FileTokenStore.open(file);
        assertThat(again.totals()).isEqualTo(TokenCounts.of(1, 1));
        assertThat(again.counts("pills")).isEqualTo(TokenCounts.of(1, 0));
        assertThat(Files.list(file.getParent())).containsExactly(file);
    }

    @Test
    void aDamagedFileIsAnErrorNamingTheFileAndLine() throws Exception {
        Path file = dir.resolve("spam-tokens");
        Files.writeString(file, "postino-spam-tokens 1\nmessages 1 1\nx y token\n");

        assertThatThrownBy(() -> FileTokenStore.open(file))
            .isInstanceOf(UncheckedIOException.class)
            .hasMessageContaining(file.toString()).hasMessageContaining("line 3");
    }

    @Test
    void shellsNamingTheSameFileShareOneStoreAndTheLastReleaseSaves() throws Exception {
        SpamTokenStores stores = new SpamTokenStores();
        Path file = dir.resolve("spam-tokens");
        FileTokenStore first = stores.open(file, Duration.ofMinutes(5));
        FileTokenStore second = stores.open(dir.resolve("./spam-tokens"), Duration.ofMinutes(5));
        assertThat(second).isSameAs(first);

        first.add(MessageClass.SPAM, List.of("casino"), 1);
        stores.release(first);
        assertThat(file).doesNotExist();
        stores.release(second);
        assertThat(file).exists();
        assertThat(FileTokenStore.open(file).counts("casino")).isEqualTo(TokenCounts.of(1, 0));
    }

    @Test
    void aChangedStoreIsSavedPeriodically() throws Exception {
        SpamTokenStores stores = new SpamTokenStores();
        Path file = dir.resolve("spam-tokens");
        FileTokenStore store = stores.open(file, Duration.ofMillis(50));
        store.add(MessageClass.HAM, List.of("lunch"), 1);

        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!Files.exists(file) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(file).exists();
        stores.release(store);
    }
}
