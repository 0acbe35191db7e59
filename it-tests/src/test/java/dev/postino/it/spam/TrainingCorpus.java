package dev.postino.it.spam;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.function.UnaryOperator;

/**
 * A seeded training set (spam/ and ham/ of .eml files) with two disjoint vocabularies, so that
 * after training the classifier is certain: words of {@link #SPAM_WORDS} score BAYES_9999 (+6,
 * spam but below the reject threshold of 15) and words of {@link #HAM_WORDS} BAYES_00.
 */
final class TrainingCorpus {
    static final String[] SPAM_WORDS = {"cheap", "pills", "casino", "winner", "lottery", "viagra", "discount",
        "offer", "unsubscribe", "bonus", "jackpot", "pharmacy", "limited", "free", "prize", "claim"};
    static final String[] HAM_WORDS = {"meeting", "agenda", "project", "lunch", "review", "notes", "budget",
        "schedule", "thanks", "tomorrow", "draft", "report", "team", "quarterly", "minutes", "colleague"};

    private TrainingCorpus() {
    }

    /** Writes 60 messages of each class under a new directory in {@code target/}. */
    static Path write() {
        try {
            Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "spam-training"))
                .toAbsolutePath(), "corpus-");
            Random random = new Random(42);
            Files.createDirectories(dir.resolve("spam"));
            Files.createDirectories(dir.resolve("ham"));
            for (int i = 0; i < 60; i++) {
                Files.writeString(dir.resolve("spam/" + i + ".eml"), message("deals@promo.test", SPAM_WORDS, random, i),
                    StandardCharsets.UTF_8);
                Files.writeString(dir.resolve("ham/" + i + ".eml"), message("carol@work.test", HAM_WORDS, random, i),
                    StandardCharsets.UTF_8);
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The conf edit that makes SpamCheck learn {@code dir} at start-up. */
    static UnaryOperator<String> trainFrom(Path dir) {
        return xml -> xml.replaceFirst("(<mailet match=\"[^\"]*\" class=\"dev.postino.mailets.SpamCheck\">)",
            "$1<trainingDirectory>" + dir + "</trainingDirectory>");
    }

    /** One message of the corpus: message {@code n} of spam (true) or ham, as {@link #write()} writes it. */
    static String message(boolean spam, int n) {
        return message(spam ? "deals@promo.test" : "carol@work.test", spam ? SPAM_WORDS : HAM_WORDS, new Random(n), n);
    }

    private static String message(String from, String[] words, Random random, int n) {
        StringBuilder body = new StringBuilder();
        for (int w = 0; w < 40; w++) {
            body.append(words[random.nextInt(words.length)]).append(w % 10 == 9 ? "\r\n" : " ");
        }
        return "From: " + from + "\r\nTo: bob@a.test\r\nSubject: " + words[random.nextInt(words.length)] + " "
            + words[random.nextInt(words.length)] + " " + n + "\r\nDate: Mon, 2 Jun 2025 10:00:00 +0000\r\n"
            + "Message-ID: <" + n + "." + from + ">\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n"
            + body + "\r\n";
    }
}
