package dev.postino.spam;

import java.util.LinkedHashMap;
import java.util.Map;

import javax.inject.Inject;
import javax.inject.Singleton;

import org.apache.james.metrics.api.Metric;
import org.apache.james.metrics.api.MetricFactory;

/**
 * How many mails each spam action met since start-up, published through James's
 * {@link MetricFactory} (so they appear wherever James's metrics go, e.g. webadmin's
 * {@code /metrics}) and shown by {@code GET /postino/spam/stats}:
 *
 * <ul>
 *   <li>{@code postino_spam_ham}: scored below the tag threshold ({@code SpamCheck});</li>
 *   <li>{@code postino_spam_tagged}: scored spam and tagged, then filed into Junk or quarantined
 *       ({@code SpamCheck});</li>
 *   <li>{@code postino_spam_rejected}: refused at the end of DATA ({@code RejectSpamAtData});</li>
 *   <li>{@code postino_spam_quarantined}: held instead of relayed ({@code QuarantineSpam});</li>
 *   <li>{@code postino_spam_check_failed}: the check itself failed and {@code failMode} decided.</li>
 * </ul>
 */
@Singleton
public class SpamVerdictCounters {
    public static final String HAM = "postino_spam_ham";
    public static final String TAGGED = "postino_spam_tagged";
    public static final String REJECTED = "postino_spam_rejected";
    public static final String QUARANTINED = "postino_spam_quarantined";
    public static final String CHECK_FAILED = "postino_spam_check_failed";

    private final Map<String, Metric> metrics = new LinkedHashMap<>();

    @Inject
    public SpamVerdictCounters(MetricFactory metricFactory) {
        for (String name : new String[] {HAM, TAGGED, REJECTED, QUARANTINED, CHECK_FAILED}) {
            metrics.put(name, metricFactory.generate(name));
        }
    }

    public void ham() {
        metrics.get(HAM).increment();
    }

    public void tagged() {
        metrics.get(TAGGED).increment();
    }

    public void rejected() {
        metrics.get(REJECTED).increment();
    }

    public void quarantined() {
        metrics.get(QUARANTINED).increment();
    }

    public void checkFailed() {
        metrics.get(CHECK_FAILED).increment();
    }

    /** Each counter by its short name ({@code ham}, {@code tagged}, …, {@code checkFailed}). */
    public Map<String, Long> snapshot() {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("ham", metrics.get(HAM).getCount());
        counts.put("tagged", metrics.get(TAGGED).getCount());
        counts.put("rejected", metrics.get(REJECTED).getCount());
        counts.put("quarantined", metrics.get(QUARANTINED).getCount());
        counts.put("checkFailed", metrics.get(CHECK_FAILED).getCount());
        return counts;
    }
}
