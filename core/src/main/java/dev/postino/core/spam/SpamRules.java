package dev.postino.core.spam;

import java.time.Duration;
import java.util.List;

/**
 * The default rule set and its weights. The weights are small on purpose: the classifier carries
 * the verdict, rules only decide close calls, and none alone comes near the tag threshold; a
 * confident ham verdict (BAYES_00, −4) outweighs most of them together. GTUBE is the exception,
 * by design. Weights were chosen with {@code bench/spam-accuracy --dump} on cross-validation
 * (see bench/README.md) and rounded; MISSING_* never fire in that corpus and keep a nominal 1.0.
 */
public final class SpamRules {
    private SpamRules() {
    }

    public static List<SpamRule> defaults() {
        return List.of(
            new GtubeRule(),
            new MissingHeaderRule("From", "MISSING_FROM", 1.0),
            MalformedHeaderRule.from(0.5),
            new MissingHeaderRule("Date", "MISSING_DATE", 1.0),
            MalformedHeaderRule.date(1.0),
            MalformedHeaderRule.dateWithoutZone(2.0),
            // Queues may hold a message for days; weeks means a reused template or a forged date.
            DateSkewRule.past(1.5, Duration.ofDays(4)),
            DateSkewRule.future(2.5, Duration.ofHours(12)),
            new MissingHeaderRule("Message-ID", "MISSING_MESSAGE_ID", 1.0),
            MalformedHeaderRule.messageId(2.0),
            new HtmlOnlyRule(0.5),
            new LinkHostMismatchRule(0.8),
            new IpUrlRule(1.0),
            new SubjectCapsRule(2.0, 10, 0.7),
            new HeloFromMismatchRule(0.3),
            // Sender authentication measured on arrival (port 25 only). DMARC_FAIL is the strongest:
            // the From domain itself says such mail is forged; still below the tag threshold alone.
            SenderAuthenticationRule.spfFail(1.0),
            SenderAuthenticationRule.dkimInvalid(1.0),
            SenderAuthenticationRule.dmarcFail(3.0));
    }
}
