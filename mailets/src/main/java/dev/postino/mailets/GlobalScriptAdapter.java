package dev.postino.mailets;

import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;

import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.james.transport.mailets.jsieve.ActionDispatcher;
import org.apache.james.transport.mailets.jsieve.DiscardAction;
import org.apache.james.transport.mailets.jsieve.SieveMailAdapter;
import org.apache.james.transport.mailets.jsieve.delivery.SievePoster;
import org.apache.jsieve.exception.SieveException;
import org.apache.jsieve.mail.Action;
import org.apache.jsieve.mail.ActionKeep;
import org.apache.jsieve.mail.ActionRedirect;
import org.apache.mailet.Mail;
import org.apache.mailet.MailetContext;

/**
 * The mail adapter {@link SieveWithSpamtest} runs the administrator's global script with, for one
 * recipient: its actions wait until {@link #carryOut} (jsieve would run them at the end of evaluate),
 * so that a script that only keeps leaves the recipient's own script in charge.
 */
final class GlobalScriptAdapter extends SieveMailAdapter {
    private final ActionDispatcher dispatcher;
    private final Set<String> redirectedTo;
    private boolean release;

    GlobalScriptAdapter(Mail mail, MailetContext context, ActionDispatcher dispatcher, SievePoster poster,
                        ZonedDateTime activation, MailAddress recipient, Set<String> redirectedTo) {
        super(mail, context, dispatcher, poster, activation, ZonedDateTime.now(), recipient);
        this.dispatcher = dispatcher;
        this.redirectedTo = redirectedTo;
    }

    boolean onlyKeeps() {
        List<Action> actions = getActions();
        return actions.stream().allMatch(action -> action instanceof ActionKeep);
    }

    void carryOut() throws SieveException {
        release = true;
        executeActions();
    }

    /**
     * The script runs once per recipient, but a redirect is about the mail: the address gets one
     * copy, and every recipient whose run redirected it leaves the mail, as after a redirect.
     */
    @Override
    public void executeActions() throws SieveException {
        if (!release) {
            return;
        }
        for (Action action : getActions()) {
            String redirect = action instanceof ActionRedirect ? ((ActionRedirect) action).getAddress() : null;
            try {
                if (redirect != null && redirectedTo.contains(redirect)) {
                    DiscardAction.removeRecipient(getMail(), this);
                    continue;
                }
                dispatcher.execute(action, getMail(), this);
            } catch (MessagingException e) {
                throw new SieveException(e);
            }
            if (redirect != null) {
                redirectedTo.add(redirect);
            }
        }
    }

    /** RFC 5228 §5.4: envelope "to" is the recipient the script runs for (James's adapter gives the mail's first). */
    @Override
    public String getEnvelopeTo() {
        return getRecipient().asString();
    }

    /** Mail the global script sends is marked, so that it does not run on it again. */
    @Override
    public void post(Mail mail) throws MessagingException {
        PostinoAttributes.setFlag(mail, PostinoAttributes.SENT_BY_GLOBAL_SIEVE);
        super.post(mail);
    }
}
