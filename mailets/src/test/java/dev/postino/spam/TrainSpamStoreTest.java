package dev.postino.spam;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainSpamStoreTest {
    @TempDir
    Path home;

    @Test
    void learnsEveryMessageByDefault() throws Exception {
        Path corpus = SyntheticCorpus.write(home.resolve("sorted"), 60);
        Path store = home.resolve("tokens");

        TrainSpamStore.main(new String[] {"--store", store.toString(), corpus.toString()});

        assertThat(Files.readString(store)).contains("messages 60 60");
    }

    @Test
    void trainOnErrorLearnsTheMinimumAndWhatItIsNotSureOf() throws Exception {
        Path corpus = SyntheticCorpus.write(home.resolve("sorted"), 60);
        Path store = home.resolve("tokens");

        TrainSpamStore.main(new String[] {"--store", store.toString(), "--train-on-error", corpus.toString()});

        // The classifier needs 50 of each before it has an opinion; this corpus is easy after that.
        assertThat(Files.readString(store)).containsPattern("messages 5[0-9] 5[0-9]\n");
    }
}
