package dev.postino.matchers;

import java.util.Optional;

import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;

/**
 * The spam check's mail attributes: names and value types defined once, here, because the
 * matchers module sits below the mailets module. {@code dev.postino.mailets.PostinoAttributes}
 * re-exports them next to the other Postino attributes.
 */
public final class SpamAttributes {
    /** Boolean: our spam check judged this mail spam (no DSN is ever sent for it). */
    public static final AttributeName JUDGED = AttributeName.of("postino.spam.judged");
    /** Double: the spam score our check gave this mail. */
    public static final AttributeName SCORE = AttributeName.of("postino.spam.score");
    /** String: the verdict as in {@code X-Spam-Status}, e.g. {@code Yes, score=7.0 required=5.0 tests=…}. */
    public static final AttributeName STATUS = AttributeName.of("postino.spam.status");

    private SpamAttributes() {
    }

    public static boolean isJudgedSpam(Mail mail) {
        return mail.getAttribute(JUDGED)
            .map(attribute -> Boolean.TRUE.equals(attribute.getValue().value()))
            .orElse(false);
    }

    /** The score, when the check ran; a value of another type counts as absent. */
    public static Optional<Double> score(Mail mail) {
        return mail.getAttribute(SCORE)
            .map(attribute -> attribute.getValue().value())
            .filter(Double.class::isInstance)
            .map(Double.class::cast);
    }

    public static Optional<String> string(Mail mail, AttributeName name) {
        return mail.getAttribute(name)
            .map(attribute -> attribute.getValue().value())
            .filter(String.class::isInstance)
            .map(String.class::cast);
    }

    public static void setVerdict(Mail mail, boolean spam, double score, String status) {
        mail.setAttribute(new Attribute(JUDGED, AttributeValue.of(spam)));
        mail.setAttribute(new Attribute(SCORE, AttributeValue.of(score)));
        mail.setAttribute(new Attribute(STATUS, AttributeValue.of(status)));
    }
}
