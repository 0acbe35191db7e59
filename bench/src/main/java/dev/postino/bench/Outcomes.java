package dev.postino.bench;

import dev.postino.core.spam.Contribution;
import dev.postino.core.spam.MessageClass;
import dev.postino.core.spam.SpamVerdict;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Tallies verdicts against the truth and prints the distribution and the summary line. */
final class Outcomes {
    private static final double[] EDGES = {-10, -5, -3, -1, 0, 1, 3, 5, 7, 10, 15, 20};

    private final int[][] histogram = new int[2][EDGES.length + 1];
    private final Map<String, int[]> tests = new TreeMap<>();
    private final List<String> misfiledHam = new ArrayList<>();
    private final List<String> missedSpam = new ArrayList<>();
    private int spam;
    private int ham;
    private int spamCaught;
    private int hamMisfiled;
    private int spamRejected;
    private int hamRejected;
    private final PrintWriter dump;

    Outcomes(Path dumpFile) throws IOException {
        dump = dumpFile == null ? null : new PrintWriter(Files.newBufferedWriter(dumpFile, StandardCharsets.UTF_8));
        if (dump != null) {
            dump.println("name,truth,score,bayes,tests");
        }
    }

    void closeDump() {
        if (dump != null) {
            dump.close();
        }
    }

    void add(LabelledMail mail, SpamVerdict verdict) {
        int row = mail.truth() == MessageClass.SPAM ? 1 : 0;
        if (dump != null) {
            StringBuilder names = new StringBuilder();
            for (Contribution c : verdict.contributions()) {
                names.append(names.length() == 0 ? "" : " ").append(c.name());
            }
            dump.printf(Locale.ROOT, "%s,%s,%.3f,%s,%s%n", mail.name(), mail.truth(), verdict.score(),
                verdict.bayes().isAbstained() ? "" : Double.toString(verdict.bayes().probability()), names);
        }
        histogram[row][bin(verdict.score())]++;
        for (Contribution c : verdict.contributions()) {
            tests.computeIfAbsent(c.name(), k -> new int[2])[row]++;
        }
        if (mail.truth() == MessageClass.SPAM) {
            spam++;
            if (verdict.isSpam()) {
                spamCaught++;
            } else {
                missedSpam.add(mail.name() + "  " + verdict.statusHeaderValue() + "\n      " + verdict.bayes());
            }
            spamRejected += verdict.shouldReject() ? 1 : 0;
        } else {
            ham++;
            if (verdict.isSpam()) {
                hamMisfiled++;
                misfiledHam.add(mail.name() + "  " + verdict.statusHeaderValue() + "\n      " + verdict.bayes());
            }
            hamRejected += verdict.shouldReject() ? 1 : 0;
        }
    }

    private static int bin(double score) {
        int i = 0;
        while (i < EDGES.length && score >= EDGES[i]) {
            i++;
        }
        return i;
    }

    void print(PrintStream out, boolean verbose) {
        out.println("score distribution (tag at 5.0, reject at 15.0):");
        out.printf(Locale.ROOT, "  %-14s %6s %6s%n", "score", "ham", "spam");
        for (int i = 0; i <= EDGES.length; i++) {
            String label = i == 0 ? "< " + (int) EDGES[0]
                : i == EDGES.length ? ">= " + (int) EDGES[i - 1]
                : "[" + (int) EDGES[i - 1] + ", " + (int) EDGES[i] + ")";
            out.printf(Locale.ROOT, "  %-14s %6d %6d%n", label, histogram[0][i], histogram[1][i]);
        }
        out.println("tests fired:");
        out.printf(Locale.ROOT, "  %-20s %6s %6s%n", "test", "ham", "spam");
        tests.forEach((name, n) -> out.printf(Locale.ROOT, "  %-20s %6d %6d%n", name, n[0], n[1]));
        out.printf(Locale.ROOT, "rejected at SMTP: spam=%d ham=%d%n", spamRejected, hamRejected);
        out.println("misfiled ham (" + misfiledHam.size() + "):");
        misfiledHam.forEach(line -> out.println("  " + line));
        out.println("missed spam: " + missedSpam.size());
        if (verbose) {
            missedSpam.forEach(line -> out.println("  " + line));
        }
        out.printf(Locale.ROOT, "spam_caught=%.2f%% ham_misfiled=%.2f%% n_spam=%d n_ham=%d%n",
            percent(spamCaught, spam), percent(hamMisfiled, ham), spam, ham);
    }

    private static double percent(int part, int whole) {
        return whole == 0 ? 0.0 : 100.0 * part / whole;
    }
}
