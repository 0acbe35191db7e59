package dev.postino.matchers;

import java.util.Collection;
import java.util.List;

import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMatcher;

/**
 * Matches the copy a user's Sieve {@code redirect} made on this server: James 3.8.1's
 * {@code RedirectAction} names it {@code redirect-} and the name of the mail it copies, and sends
 * it into the root processor through the mailet context, which marks it sent by a mailet. Neither
 * can come from outside: a mail's name is the server's, and the mark is an attribute no SMTP client
 * can set. So the copy's {@code X-Spam-*} headers are the ones our check wrote on the original
 * (every mail is stripped of them on entry, before the check), and the verdict can be read back
 * from them ({@code dev.postino.mailets.RestoreSpamVerdict}). No condition.
 *
 * <pre>{@code
 * <mailet match="dev.postino.matchers.IsSieveRedirect" class="dev.postino.mailets.RestoreSpamVerdict"/>
 * }</pre>
 */
public class IsSieveRedirect extends GenericMatcher {
    /** The name prefix of {@code org.apache.james.transport.mailets.jsieve.RedirectAction} (James 3.8.1). */
    static final String NAME_PREFIX = "redirect-";

    @Override
    public void init() throws MessagingException {
        String condition = getCondition();
        if (condition != null && !condition.isBlank()) {
            throw new MessagingException("matcher IsSieveRedirect: takes no condition, got '" + condition + "'");
        }
    }

    @Override
    public Collection<MailAddress> match(Mail mail) {
        boolean sentByMailet = mail.getAttribute(Mail.SENT_BY_MAILET_ATTRIBUTE.getName())
            .map(attribute -> Boolean.TRUE.equals(attribute.getValue().value()))
            .orElse(false);
        return sentByMailet && mail.getName().startsWith(NAME_PREFIX) ? mail.getRecipients() : List.of();
    }

    @Override
    public String getMatcherInfo() {
        return "Postino: the copy a user's Sieve redirect made on this server";
    }
}
