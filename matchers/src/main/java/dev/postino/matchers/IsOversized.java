package dev.postino.matchers;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMatcher;

import dev.postino.core.size.SizeLimitStore;
import dev.postino.core.size.SizePolicy;

/**
 * Matches the recipients for whom the mail is over its size limit ({@link SizePolicy}: the
 * authenticated sender's submission limit, the recipient's inbound limit, else the global one,
 * from the {@code size.*} keys of {@code postino.properties}). For mail SMTP time could not
 * judge: sent without {@code SIZE=} and too big for some recipients only, or arriving by another
 * way than SMTP. No condition; needs {@code dev.postino.smtp.SizeLimitsModule} in
 * {@code extensions.properties}.
 *
 * <pre>{@code
 * <mailet match="dev.postino.matchers.IsOversized" class="dev.postino.mailets.BounceOversized"/>
 * }</pre>
 */
public class IsOversized extends GenericMatcher {
    private final SizePolicy policy;

    @Inject
    public IsOversized(SizeLimitStore limits) {
        this.policy = new SizePolicy(limits);
    }

    @Override
    public void init() throws MessagingException {
        if (getCondition() != null && !getCondition().isEmpty()) {
            throw new MessagingException("IsOversized takes no condition, got '" + getCondition() + "'");
        }
    }

    @Override
    public Collection<MailAddress> match(Mail mail) throws MessagingException {
        List<String> recipients = new ArrayList<>();
        mail.getRecipients().forEach(rcpt -> recipients.add(rcpt.asString()));
        Optional<String> submitter = SmtpSubmitter.of(mail);
        List<String> tooBig = policy.oversized(mail.getMessageSize(), submitter, recipients);
        List<MailAddress> matched = new ArrayList<>();
        for (MailAddress rcpt : mail.getRecipients()) {
            if (tooBig.contains(rcpt.asString())) {
                matched.add(rcpt);
            }
        }
        return matched;
    }

    @Override
    public String getMatcherInfo() {
        return "Postino: recipients for whom the mail is over its size limit";
    }
}
