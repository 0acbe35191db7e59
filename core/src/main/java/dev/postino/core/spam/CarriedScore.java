package dev.postino.core.spam;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What scoring at the end of DATA found, as text that travels on the mail to the mailet that tags
 * it: the contributions (Bayes band, rules, blocklist listings) and the classifier's probability.
 * The mailet then completes it with what only later stages know ({@link SpamScorer#complete})
 * instead of parsing, classifying and asking the blocklists a second time.
 *
 * <p>The score names its basis — the shell's description of what it scored with (token store,
 * blocklists) — so the mailet reuses it only when it would have scored with the same. The text is
 * versioned; {@link #parse} refuses anything it did not write (the caller then scores the message
 * itself). Reasons and the basis are kept on one line without tabs.
 */
public final class CarriedScore {
    static final String VERSION = "postino-spam-1";
    private static final String ABSTAINED = "-";

    private static final String BASIS = "basis=";

    private final String basis;
    private final List<Contribution> contributions;
    private final BayesResult bayes;

    private CarriedScore(String basis, List<Contribution> contributions, BayesResult bayes) {
        this.basis = oneLine(basis);
        this.contributions = Collections.unmodifiableList(List.copyOf(contributions));
        this.bayes = bayes;
    }

    public static CarriedScore of(SpamVerdict verdict, String basis) {
        return new CarriedScore(basis, verdict.contributions(), verdict.bayes());
    }

    /** True when scored with the same settings the caller describes as {@code basis}. */
    public boolean hasBasis(String basis) {
        return this.basis.equals(oneLine(basis));
    }

    public List<Contribution> contributions() {
        return contributions;
    }

    /** The classifier's probability; the tokens behind it are not carried. */
    public BayesResult bayes() {
        return bayes;
    }

    public String toText() {
        StringBuilder text = new StringBuilder(VERSION).append(" bayes=")
            .append(bayes.isAbstained() ? ABSTAINED : Double.toString(bayes.probability()))
            .append('\n').append(BASIS).append(basis);
        for (Contribution c : contributions) {
            text.append('\n').append(Double.toString(c.points())).append('\t').append(c.name()).append('\t')
                .append(oneLine(c.reason()));
        }
        return text.toString();
    }

    /** The score {@link #toText()} wrote, or empty for any other text. */
    public static Optional<CarriedScore> parse(String text) {
        String[] lines = text.split("\n", -1);
        String head = VERSION + " bayes=";
        if (!lines[0].startsWith(head) || lines.length < 2 || !lines[1].startsWith(BASIS)) {
            return Optional.empty();
        }
        try {
            String p = lines[0].substring(head.length());
            BayesResult bayes = p.equals(ABSTAINED) ? BayesResult.abstained() : BayesResult.of(Double.parseDouble(p), List.of());
            List<Contribution> contributions = new ArrayList<>();
            for (int i = 2; i < lines.length; i++) {
                String[] fields = lines[i].split("\t", -1);
                if (fields.length != 3) {
                    return Optional.empty();
                }
                contributions.add(new Contribution(fields[1], Double.parseDouble(fields[0]), fields[2]));
            }
            return Optional.of(new CarriedScore(lines[1].substring(BASIS.length()), contributions, bayes));
        } catch (IllegalArgumentException e) {
            // NumberFormatException included: not our text.
            return Optional.empty();
        }
    }

    private static String oneLine(String reason) {
        StringBuilder out = new StringBuilder(reason.length());
        for (int i = 0; i < reason.length(); i++) {
            char c = reason.charAt(i);
            out.append(c == '\t' || c == '\n' || c == '\r' ? ' ' : c);
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "CarriedScore[%s]%s", basis, contributions);
    }
}
