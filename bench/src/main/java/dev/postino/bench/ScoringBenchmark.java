package dev.postino.bench;

import dev.postino.core.spam.BayesClassifier;
import dev.postino.core.spam.InMemoryTokenStore;
import dev.postino.core.spam.MessageClass;
import dev.postino.core.spam.SpamInput;
import dev.postino.core.spam.SpamScorer;
import dev.postino.core.spam.SpamVerdict;
import dev.postino.core.spam.mime.MimeMessage;
import dev.postino.core.spam.mime.MimeReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of one spam check: parse the raw message and score it with a classifier trained on 2,000
 * seeded synthetic messages (a 5,000-word vocabulary). Run with {@code bench/jmh}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ScoringBenchmark {
    private static final Instant NOW = Instant.parse("2002-09-02T10:00:00Z");

    @Param({"5120", "102400"})
    public int size;

    private byte[] raw;
    private MimeMessage parsed;
    private MimeReader reader;
    private SpamScorer scorer;

    @Setup
    public void setUp() {
        Random random = new Random(2002);
        String[] vocabulary = new String[5000];
        for (int i = 0; i < vocabulary.length; i++) {
            vocabulary[i] = word(random);
        }
        reader = new MimeReader();
        BayesClassifier classifier = new BayesClassifier(new InMemoryTokenStore());
        for (int i = 0; i < 2000; i++) {
            MessageClass kind = i % 2 == 0 ? MessageClass.SPAM : MessageClass.HAM;
            int offset = kind == MessageClass.SPAM ? 0 : 2000;
            classifier.learn(reader.read(message(random, vocabulary, offset, 3000)), kind);
        }
        scorer = SpamScorer.withDefaults(classifier);
        raw = message(random, vocabulary, 1000, size);
        parsed = reader.read(raw);
    }

    /** Multipart/alternative, text and HTML halves with links, about {@code bytes} long. */
    static byte[] message(Random random, String[] vocabulary, int offset, int bytes) {
        StringBuilder text = new StringBuilder();
        while (text.length() < bytes / 2 - 400) {
            text.append(vocabulary[offset + random.nextInt(3000)]).append(random.nextInt(12) == 0 ? ".\r\n" : " ");
        }
        StringBuilder html = new StringBuilder("<html><body><p>");
        String[] words = text.toString().split(" ");
        for (int i = 0; i < words.length; i++) {
            html.append(i % 40 == 0 ? "<a href=\"http://www.site" + (i % 7) + ".test/p?i=" + i + "\">" + words[i] + "</a> "
                : words[i] + " ");
        }
        html.append("</p></body></html>");
        // Two trace lines, as on mail relayed once before us: the tokenizer reads the bottom one.
        String mail = "Received: from out.site1.test (out.site1.test [198.51.100.7])\r\n\tby mx.b.test with ESMTP id 1;"
            + " Mon, 2 Sep 2002 09:00:02 +0000\r\n"
            + "Received: from pc (dsl-1.isp.test [203.0.113.5]) by out.site1.test with ESMTPA;"
            + " Mon, 2 Sep 2002 09:00:01 +0000\r\n"
            + "From: Sender <s@site1.test>\r\nTo: bob@b.test\r\nSubject: " + words[0] + " " + words[1]
            + "\r\nDate: Mon, 2 Sep 2002 09:00:00 +0000\r\nMessage-ID: <" + random.nextInt() + "@site1.test>\r\n"
            + "MIME-Version: 1.0\r\nContent-Type: multipart/alternative; boundary=\"b\"\r\n\r\n"
            + "--b\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n" + text
            + "\r\n--b\r\nContent-Type: text/html; charset=us-ascii\r\n\r\n" + html + "\r\n--b--\r\n";
        return mail.getBytes(StandardCharsets.US_ASCII);
    }

    static String word(Random random) {
        char[] letters = new char[4 + random.nextInt(6)];
        for (int i = 0; i < letters.length; i++) {
            letters[i] = (char) ('a' + random.nextInt(26));
        }
        return new String(letters);
    }

    /** What the mailet pays per message: read the bytes, then score. */
    @Benchmark
    public SpamVerdict parseAndScore() {
        return scorer.score(SpamInput.of(reader.read(raw), NOW));
    }

    /** Scoring alone, on an already parsed message. */
    @Benchmark
    public SpamVerdict scoreParsed() {
        return scorer.score(SpamInput.of(parsed, NOW));
    }
}
