package dev.postino.core.sieve;

import dev.postino.core.spam.SpamThresholds;

/**
 * RFC 3685 §3's value for a score: {@code 0} when the message was not tested, otherwise {@code 1}
 * (tested, clear) to {@code 10} (certainly spam). Levels 1–4 are mail the check let through and
 * 5–10 mail it judged spam, so {@code :value "ge" "5"} means exactly "judged spam":
 *
 * <pre>
 * score &lt;= 0                     → 1
 * 0 &lt; score &lt; tag (not judged)  → 2, 3, 4   (thirds of 0..tag)
 * tag &lt;= score &lt; reject (judged) → 5 .. 9    (fifths of tag..reject)
 * score &gt;= reject (judged)        → 10
 * </pre>
 *
 * The judged flag wins over the thresholds (a score the check judged spam is never below 5, one it
 * let through never above 4), so a threshold set differently here than on the check only shifts
 * the levels within a band.
 */
public final class SpamTestLevel {
    public static final int NOT_TESTED = 0;

    private SpamTestLevel() {
    }

    public static int of(boolean judgedSpam, double score, SpamThresholds thresholds) {
        if (!judgedSpam) {
            if (score <= 0 || thresholds.tag() <= 0) {
                return 1;
            }
            return Math.min(4, 2 + (int) Math.floor(3 * score / thresholds.tag()));
        }
        double band = thresholds.reject() - thresholds.tag();
        if (score >= thresholds.reject() || band <= 0 && score >= thresholds.tag()) {
            return 10;
        }
        return Math.max(5, Math.min(9, 5 + (int) Math.floor(5 * (score - thresholds.tag()) / band)));
    }
}
