package dev.postino.spam;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** A tiny seeded corpus (spam/ and ham/ of .eml files) that the classifier separates with certainty. */
public final class SyntheticCorpus {
    static final String[] SPAM_WORDS = {"cheap", "pills", "casino", "winner", "lottery", "viagra", "discount",
        "offer", "unsubscribe", "bonus", "jackpot", "pharmacy", "limited", "free", "prize", "claim"};
    static final String[] HAM_WORDS = {"meeting", "agenda", "project", "lunch", "review", "notes", "budget",
        "schedule", "thanks", "tomorrow", "draft", "report", "team", "quarterly", "minutes", "colleague"};

    private SyntheticCorpus() {
    }

    public static Path write(Path dir, int perClass) throws IOException {
        Random random = new Random(42);
        Files.createDirectories(dir.resolve("spam"));
        Files.createDirectories(dir.resolve("ham"));
        for (int i = 0; i < perClass; i++) {
            Files.writeString(dir.resolve("spam/" + i + ".eml"), message("deals@promo.test", SPAM_WORDS, random, i),
                StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("ham/" + i + ".eml"), message("carol@work.test", HAM_WORDS, random, i),
                StandardCharsets.UTF_8);
        }
        return dir;
    }

    static String message(String from, String[] words, Random random, int n) {
        StringBuilder body = new StringBuilder();
        for (int w = 0; w < 40; w++) {
            body.append(words[random.nextInt(words.length)]).append(w % 10 == 9 ? "\r\n" : " ");
        }
        return "From: " + from + "\r\nTo: bob@b.test\r\nSubject: " + words[random.nextInt(words.length)] + " "
            + words[random.nextInt(words.length)] + " " + n + "\r\nDate: Mon, 2 Jun 2025 10:00:00 +0000\r\n"
            + "Message-ID: <" + n + "." + from + ">\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n"
            + body + "\r\n";
    }
}
