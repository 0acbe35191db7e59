package dev.postino.matchers;

import java.util.Collection;
import java.util.List;

import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMatcher;

/**
 * Matches mail that {@code dev.postino.mailets.SpamCheck} judged spam. With a condition, matches
 * mail whose spam score is at or above that number instead (a stricter or looser line than the
 * check's own tag threshold). Mail the check never scored does not match.
 *
 * <pre>{@code
 * <mailet match="dev.postino.matchers.IsSpam" class="dev.postino.mailets.FileIntoJunk">
 *     <folder>Junk</folder>
 * </mailet>
 * <mailet match="dev.postino.matchers.IsSpam=12.5" class="ToRepository">…</mailet>
 * }</pre>
 */
public class IsSpam extends GenericMatcher {
    private Double threshold;

    @Override
    public void init() throws MessagingException {
        String condition = getCondition();
        if (condition == null || condition.isBlank()) {
            threshold = null;
            return;
        }
        try {
            threshold = Double.parseDouble(condition.trim());
        } catch (NumberFormatException e) {
            throw new MessagingException("matcher IsSpam: bad condition '" + condition
                + "': expected a score such as IsSpam=12.5, or no condition");
        }
        if (threshold.isNaN() || threshold.isInfinite()) {
            throw new MessagingException("matcher IsSpam: bad condition '" + condition + "': not a finite score");
        }
    }

    @Override
    public Collection<MailAddress> match(Mail mail) {
        boolean spam = threshold == null
            ? SpamAttributes.isJudgedSpam(mail)
            : SpamAttributes.score(mail).map(score -> score >= threshold).orElse(false);
        return spam ? mail.getRecipients() : List.of();
    }

    @Override
    public String getMatcherInfo() {
        return "Postino: mail our spam check judged spam (or scored at least the condition)";
    }
}
