package dev.postino.spam;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.postino.core.spam.BayesClassifier;
import dev.postino.core.spam.ErrorDrivenTraining;
import dev.postino.core.spam.MessageClass;
import dev.postino.core.spam.TrainingResult;
import dev.postino.core.spam.mime.MimeReader;

/**
 * Teaches a classifier from a directory holding {@code spam/} and {@code ham/} folders of raw
 * messages ({@code .eml} or any other regular file; hidden files are skipped), the layout
 * {@code bench/spam-accuracy} reads. Each file is read as the server reads mail: at most
 * {@link MimeReader#DEFAULT_MAX_BYTES}. Uses nothing of James, so the command line can run it.
 */
public final class SpamTraining {
    private static final MimeReader READER = new MimeReader();

    private SpamTraining() {
    }

    /** What one training run learned. */
    public static final class Learned {
        public final int spam;
        public final int ham;

        Learned(int spam, int ham) {
            this.spam = spam;
            this.ham = ham;
        }

        @Override
        public String toString() {
            return spam + " spam and " + ham + " ham messages";
        }
    }

    /**
     * Trains on error ({@link ErrorDrivenTraining}): learns only what of {@code dir/spam} and
     * {@code dir/ham} the classifier does not already get right with a margin. The store ends a
     * third the size of {@link #learnDirectory}'s, at about the same accuracy; see bench/README.md.
     */
    public static TrainingResult trainDirectory(BayesClassifier classifier, Path dir) throws IOException {
        List<Path> spam = messages(dir.resolve("spam"));
        List<Path> ham = messages(dir.resolve("ham"));
        return ErrorDrivenTraining.<Path>defaults().train(classifier, spam, ham, file -> READER.read(head(file)));
    }

    /** Learns every message of {@code dir/spam} as spam and of {@code dir/ham} as ham. */
    public static Learned learnDirectory(BayesClassifier classifier, Path dir) throws IOException {
        List<Path> spam = messages(dir.resolve("spam"));
        List<Path> ham = messages(dir.resolve("ham"));
        for (Path file : spam) {
            learnMessage(classifier, head(file), MessageClass.SPAM);
        }
        for (Path file : ham) {
            learnMessage(classifier, head(file), MessageClass.HAM);
        }
        return new Learned(spam.size(), ham.size());
    }

    /** Learns one raw message (its first {@link MimeReader#DEFAULT_MAX_BYTES}, as the check reads mail). */
    public static void learnMessage(BayesClassifier classifier, byte[] message, MessageClass kind) {
        classifier.learn(READER.read(message), kind);
    }

    private static List<Path> messages(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new IOException("no folder " + folder + " (a training directory holds spam/ and ham/)");
        }
        try (Stream<Path> listing = Files.list(folder)) {
            return listing.filter(Files::isRegularFile)
                .filter(file -> !file.getFileName().toString().startsWith("."))
                .sorted()
                .collect(Collectors.toList());
        }
    }

    private static byte[] head(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(MimeReader.DEFAULT_MAX_BYTES);
        }
    }
}
