package dev.postino.spam;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.postino.core.spam.BayesClassifier;
import dev.postino.core.spam.ErrorDrivenTraining;
import dev.postino.core.spam.MessageClass;
import dev.postino.core.spam.TrainingResult;
import dev.postino.core.spam.mime.MimeMessage;
import dev.postino.core.spam.mime.MimeReader;

/**
 * Teaches a classifier from a directory holding {@code spam/} and {@code ham/} folders of raw
 * messages ({@code .eml} or any other regular file; hidden files are skipped, a file that cannot be
 * read or holds no header field is reported and skipped), the layout
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
     * A file that cannot be read or is not a message is passed to {@code skipped} (file and why)
     * and not learned; the rest is.
     */
    public static TrainingResult trainDirectory(BayesClassifier classifier, Path dir, Consumer<String> skipped)
        throws IOException {
        List<Path> spam = readable(messages(dir.resolve("spam")), skipped);
        List<Path> ham = readable(messages(dir.resolve("ham")), skipped);
        return ErrorDrivenTraining.<Path>defaults().train(classifier, spam, ham, file -> READER.read(head(file)));
    }

    /**
     * Learns every message of {@code dir/spam} as spam and of {@code dir/ham} as ham. A file that
     * cannot be read or is not a message is passed to {@code skipped} (file and why) and not learned:
     * one bad file in a folder of thousands must not stop the training, nor count as a message.
     */
    public static Learned learnDirectory(BayesClassifier classifier, Path dir, Consumer<String> skipped)
        throws IOException {
        int spam = learnAll(classifier, messages(dir.resolve("spam")), MessageClass.SPAM, skipped);
        int ham = learnAll(classifier, messages(dir.resolve("ham")), MessageClass.HAM, skipped);
        return new Learned(spam, ham);
    }

    private static int learnAll(BayesClassifier classifier, List<Path> files, MessageClass kind,
                                Consumer<String> skipped) {
        int learned = 0;
        for (Path file : files) {
            Optional<MimeMessage> message = read(file, skipped);
            if (message.isPresent()) {
                classifier.learn(message.get(), kind);
                learned++;
            }
        }
        return learned;
    }

    /** The files that read as messages, in order; the others go to {@code skipped}. */
    private static List<Path> readable(List<Path> files, Consumer<String> skipped) {
        List<Path> good = new ArrayList<>(files.size());
        for (Path file : files) {
            read(file, skipped).ifPresent(message -> good.add(file));
        }
        return good;
    }

    /** The message in {@code file}, or empty (and why, to {@code skipped}) when it is none. */
    private static Optional<MimeMessage> read(Path file, Consumer<String> skipped) {
        if (!Files.isRegularFile(file)) {
            skipped.accept(file + ": not learned, not a regular file (a broken link?)");
            return Optional.empty();
        }
        MimeMessage message;
        try {
            message = READER.read(head(file));
        } catch (IOException e) {
            skipped.accept(file + ": not learned, cannot be read: " + e.getMessage());
            return Optional.empty();
        }
        if (message.headers().fields().isEmpty()) {
            // An empty file, notes, a stray document: learning it would count a message that is none.
            skipped.accept(file + ": not learned, not a message (no header fields)");
            return Optional.empty();
        }
        return Optional.of(message);
    }

    /** Learns one raw message (its first {@link MimeReader#DEFAULT_MAX_BYTES}, as the check reads mail). */
    public static void learnMessage(BayesClassifier classifier, byte[] message, MessageClass kind) {
        classifier.learn(READER.read(message), kind);
    }

    /** Every entry of {@code folder} but hidden files and folders, sorted: bad ones are reported when read. */
    private static List<Path> messages(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new IOException("no folder " + folder + " (a training directory holds spam/ and ham/)");
        }
        try (Stream<Path> listing = Files.list(folder)) {
            return listing.filter(file -> !Files.isDirectory(file))
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
