package dev.postino.core.spam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TokenStoreFileTest {

    @Test
    void roundTripsThroughWriterAndReader() throws IOException {
        InMemoryTokenStore store = new InMemoryTokenStore();
        store.add(MessageClass.SPAM, List.of("casino", "odd token\twith\\escapes\n", "url:shop.test"), 1);
        store.add(MessageClass.HAM, List.of("casino", "meeting"), 1);
        store.add(MessageClass.HAM, List.of("meeting"), 1);

        StringWriter saved = new StringWriter();
        TokenStoreFile.write(store, saved);
        InMemoryTokenStore loaded = TokenStoreFile.read(new StringReader(saved.toString()));

        assertThat(loaded.totals()).isEqualTo(TokenCounts.of(1, 2));
        assertThat(loaded.counts("casino")).isEqualTo(TokenCounts.of(1, 1));
        assertThat(loaded.counts("meeting")).isEqualTo(TokenCounts.of(0, 2));
        assertThat(loaded.counts("odd token\twith\\escapes\n")).isEqualTo(TokenCounts.of(1, 0));
        StringWriter again = new StringWriter();
        TokenStoreFile.write(loaded, again);
        assertThat(again.toString()).isEqualTo(saved.toString());
        assertThat(saved.toString()).startsWith("postino-spam-tokens 1\nmessages 1 2\n");
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "bogus                                          | line 1",
        "postino-spam-tokens 1\\nmessages x 2            | line 2",
        "postino-spam-tokens 1\\nmessages 1 2\\n1 2       | line 3",
        "postino-spam-tokens 1\\nmessages 1 2\\n-1 2 tok  | line 3",
        "postino-spam-tokens 1\\nmessages 1 2\\n1 2 a\\q   | line 3",
    })
    void damagedFilesFailWithTheLineNumber(String content, String where) {
        assertThatThrownBy(() -> TokenStoreFile.read(new StringReader(content.replace("\\n", "\n"))))
            .isInstanceOf(IOException.class).hasMessageStartingWith(where);
    }

    @Test
    void concurrentLearningLosesNothing() throws InterruptedException {
        InMemoryTokenStore store = new InMemoryTokenStore();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        for (int i = 0; i < 400; i++) {
            MessageClass kind = i % 2 == 0 ? MessageClass.SPAM : MessageClass.HAM;
            pool.execute(() -> store.add(kind, List.of("shared", "other"), 1));
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

        assertThat(store.totals()).isEqualTo(TokenCounts.of(200, 200));
        assertThat(store.counts("shared")).isEqualTo(TokenCounts.of(200, 200));
    }
}
