package dev.postino.spam;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

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

    @Test
    void filesThatAreNotMessagesAreReportedAndSkippedAndTheRestIsLearned() throws Exception {
        Path corpus = SyntheticCorpus.write(home.resolve("sorted"), 60);
        Files.write(corpus.resolve("spam/empty.eml"), new byte[0]);
        Files.writeString(corpus.resolve("spam/notes.txt"), "to sort later\nthe rest of my notes\n");
        Files.createSymbolicLink(corpus.resolve("ham/moved.eml"), home.resolve("no-such-file"));
        // A file that cannot be read, even by root: reading /proc/self/mem from offset 0 fails.
        Files.createSymbolicLink(corpus.resolve("ham/unreadable.eml"), Paths.get("/proc/self/mem"));
        Path store = home.resolve("tokens");

        String errors = stderrOf(() -> TrainSpamStore.main(new String[] {"--store", store.toString(), corpus.toString()}));

        assertThat(Files.readString(store)).contains("messages 60 60\n");
        assertThat(errors).contains("empty.eml").contains("notes.txt").contains("moved.eml").contains("unreadable.eml")
            .contains("not learned");
    }

    @Test
    void trainOnErrorSkipsFilesThatAreNotMessagesToo() throws Exception {
        Path corpus = SyntheticCorpus.write(home.resolve("sorted"), 60);
        Files.writeString(corpus.resolve("spam/notes.txt"), "to sort later\n");
        Files.createSymbolicLink(corpus.resolve("ham/unreadable.eml"), Paths.get("/proc/self/mem"));
        Path store = home.resolve("tokens");

        String errors = stderrOf(() -> TrainSpamStore.main(
            new String[] {"--store", store.toString(), "--train-on-error", corpus.toString()}));

        assertThat(Files.readString(store)).containsPattern("messages 5[0-9] 5[0-9]\n");
        assertThat(errors).contains("notes.txt").contains("unreadable.eml");
    }

    private interface Run {
        void run() throws Exception;
    }

    private static String stderrOf(Run run) throws Exception {
        PrintStream old = System.err;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            run.run();
        } finally {
            System.setErr(old);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
