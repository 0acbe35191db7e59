package dev.postino.core.spam;

import dev.postino.core.spam.mime.MimeMessage;
import java.util.Random;

/** Seeded made-up mail: spam and ham drawn from different vocabularies with a shared middle. */
final class SyntheticCorpus {
    private static final String[] SPAM = {"viagra", "casino", "winner", "mortgage", "unsubscribe", "offer",
        "limited", "cash", "bonus", "guaranteed", "click", "refinance", "pills", "lottery", "prize"};
    private static final String[] HAM = {"meeting", "patch", "kernel", "review", "lunch", "deadline", "commit",
        "build", "agenda", "thanks", "release", "branch", "debian", "compile", "schedule"};
    private static final String[] SHARED = {"the", "and", "you", "this", "today", "please", "email", "time"};

    private final Random random;

    SyntheticCorpus(long seed) {
        this.random = new Random(seed);
    }

    MimeMessage spam() {
        return message(SPAM, "promo" + random.nextInt(5) + ".test");
    }

    MimeMessage ham() {
        return message(HAM, "work.test");
    }

    private MimeMessage message(String[] vocabulary, String domain) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            String[] from = random.nextInt(3) == 0 ? SHARED : vocabulary;
            body.append(from[random.nextInt(from.length)]).append(' ');
        }
        return TestMail.parse(
            "From: someone@" + domain,
            "Subject: " + vocabulary[random.nextInt(vocabulary.length)],
            "Date: Mon, 2 Sep 2002 10:00:00 +0000",
            "Message-ID: <" + random.nextInt(1_000_000) + "@" + domain + ">",
            "",
            body.toString());
    }
}
