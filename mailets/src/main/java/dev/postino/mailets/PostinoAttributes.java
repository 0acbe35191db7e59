package dev.postino.mailets;

import java.util.Optional;

import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;

import dev.postino.core.retry.DeliveryHistory;
import dev.postino.matchers.SpamAttributes;

/** The mail attributes Postino reads and writes: names and value types defined once, here. */
public final class PostinoAttributes {
    /** {@link DeliveryHistory} as its text form: attempts, arrival, every recipient's last outcome. */
    public static final AttributeName DELIVERY_HISTORY = AttributeName.of("postino.delivery.history");
    /** Boolean: our spam check judged this mail spam (no DSN is ever sent for it). */
    public static final AttributeName JUDGED_SPAM = SpamAttributes.JUDGED;
    /** Double: the spam score (defined in {@link SpamAttributes}, where the matchers read it). */
    public static final AttributeName SPAM_SCORE = SpamAttributes.SCORE;
    /** String: the verdict as written into {@code X-Spam-Status}. */
    public static final AttributeName SPAM_STATUS = SpamAttributes.STATUS;
    /**
     * String: what RejectSpamAtData scored at the end of DATA ({@code CarriedScore} text); SpamCheck
     * completes it and removes it.
     */
    public static final AttributeName SPAM_AT_DATA = AttributeName.of("postino.spam.atData");
    /** String: SPF, DKIM and DMARC results measured on arrival, {@code spf=fail dkim=none dmarc=fail p=reject}. */
    public static final AttributeName SENDER_AUTHENTICATION = AttributeName.of("postino.auth.results");
    /** Boolean: a DSN Postino generated (never answered with another DSN). */
    public static final AttributeName IS_DSN = AttributeName.of("postino.dsn");
    /**
     * Boolean: mail the administrator's global Sieve script sent (a redirected copy, a reject MDN, a
     * vacation reply); it is not run through that script again.
     */
    public static final AttributeName SENT_BY_GLOBAL_SIEVE = AttributeName.of("postino.sieve.sentByGlobalScript");

    private PostinoAttributes() {
    }

    /** The stored history; a corrupted value is an error naming the mail, never a silent reset. */
    public static Optional<DeliveryHistory> history(Mail mail) {
        return mail.getAttribute(DELIVERY_HISTORY)
            .map(attribute -> {
                Object value = attribute.getValue().value();
                try {
                    return DeliveryHistory.parse(String.valueOf(value));
                } catch (IllegalArgumentException e) {
                    throw new IllegalStateException("mail " + mail.getName() + " has a corrupted "
                        + DELIVERY_HISTORY.asString() + ": " + e.getMessage(), e);
                }
            });
    }

    public static void setHistory(Mail mail, DeliveryHistory history) {
        mail.setAttribute(new Attribute(DELIVERY_HISTORY, AttributeValue.of(history.toText())));
    }

    public static boolean flag(Mail mail, AttributeName name) {
        return mail.getAttribute(name)
            .map(attribute -> Boolean.TRUE.equals(attribute.getValue().value()))
            .orElse(false);
    }

    public static void setFlag(Mail mail, AttributeName name) {
        mail.setAttribute(new Attribute(name, AttributeValue.of(true)));
    }
}
