package dev.postino.core.spam;

import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Points for failed sender authentication, as the shell measured it on arrival (see
 * {@code dev.postino.core.deliverability.SenderAuthentication}; the input carries
 * {@code spf}, {@code dkim}, {@code dmarc} and {@code p}):
 * <ul>
 *   <li>{@code SPF_FAIL}: the sending host is not allowed for MAIL FROM's domain (RFC 7208 {@code -all});</li>
 *   <li>{@code DKIM_INVALID}: a DKIM signature that does not verify (changed in transit, or forged);</li>
 *   <li>{@code DMARC_FAIL}: neither an aligned SPF pass nor an aligned DKIM signature, and the From
 *       domain asks receivers to quarantine or reject (a forged From). A domain publishing
 *       {@code p=none} is only observing, so its failures score nothing.</li>
 * </ul>
 * Silent when the shell did not measure (submissions, mail of our own mailets).
 */
public final class SenderAuthenticationRule implements SpamRule {
    private final String name;
    private final double points;
    private final String reason;
    private final Predicate<Map<String, String>> fires;

    private SenderAuthenticationRule(String name, double points, String reason, Predicate<Map<String, String>> fires) {
        this.name = name;
        this.points = points;
        this.reason = reason;
        this.fires = fires;
    }

    public static SenderAuthenticationRule spfFail(double points) {
        return new SenderAuthenticationRule("SPF_FAIL", points, "SPF does not allow the sending host for the envelope sender",
            r -> r.get("spf").equals("fail"));
    }

    public static SenderAuthenticationRule dkimInvalid(double points) {
        return new SenderAuthenticationRule("DKIM_INVALID", points, "a DKIM signature does not verify",
            r -> r.get("dkim").equals("fail") || r.get("dkim").equals("permerror"));
    }

    public static SenderAuthenticationRule dmarcFail(double points) {
        return new SenderAuthenticationRule("DMARC_FAIL", points, "From domain fails DMARC and asks to quarantine or reject",
            r -> r.get("dmarc").equals("fail") && !r.get("p").equals("none"));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Optional<Contribution> check(SpamInput input) {
        return input.senderAuthentication().flatMap(this::check);
    }

    /** The same judgement from the results alone (see {@link SpamScorer#complete}). */
    public Optional<Contribution> check(Map<String, String> results) {
        return fires.test(results) ? Optional.of(new Contribution(name, points, reason)) : Optional.empty();
    }
}
