package dev.postino.mailets;

import java.util.List;
import java.util.Optional;

import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.postino.core.spam.SpamStatus;
import dev.postino.deliverability.HeaderEdits;
import dev.postino.matchers.SpamAttributes;
import dev.postino.spam.SpamHeaders;

/**
 * Gives the copy a user's Sieve {@code redirect} made back the verdict our check wrote on the
 * original. James's {@code RedirectAction} copies the message, not the mail's attributes, and sends
 * the copy into the root processor as mail of our own mailets, which {@code SpamCheck} does not
 * score: without this, spam that bob redirects to carol lands in carol's INBOX unscored. The copy's
 * {@code X-Spam-Status} is the one our check wrote (every mail is stripped of {@code X-Spam-*} on
 * entry, before the check), so the verdict attributes ({@code postino.spam.judged}, {@code .score},
 * {@code .status}) are read back from it and the headers are kept. A copy without the header (the
 * original was never scored: a DSN, a notice) stays unscored, as the original was; a header our
 * check did not write is removed (logged). Match it with {@code dev.postino.matchers.IsSieveRedirect}
 * and let only other mail through {@code RemoveForgedSpamHeaders}. No init parameters.
 *
 * <pre>{@code
 * <mailet match="dev.postino.matchers.IsSieveRedirect" class="dev.postino.mailets.RestoreSpamVerdict"/>
 * }</pre>
 */
public class RestoreSpamVerdict extends GenericMailet {
    private static final Logger LOGGER = LoggerFactory.getLogger(RestoreSpamVerdict.class);

    @Override
    public void init() throws MessagingException {
        MailetParameters.refuseParameters(this);
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        MimeMessage message = mail.getMessage();
        String[] values = message.getHeader(SpamHeaders.STATUS);
        Optional<SpamStatus> status = values != null && values.length == 1 ? SpamStatus.parse(values[0]) : Optional.empty();
        if (status.isPresent()) {
            SpamAttributes.setVerdict(mail, status.get().isSpam(), status.get().score(), status.get().value());
            LOGGER.info("mail={} a Sieve redirect keeps the verdict of the mail it copies: {}", mail.getName(), status.get());
            return;
        }
        List<String> stripped = SpamHeaders.strip(message);
        if (stripped.isEmpty()) {
            LOGGER.info("mail={} a Sieve redirect of a mail our check did not score: not scored", mail.getName());
            return;
        }
        HeaderEdits.save(message);
        LOGGER.warn("mail={} a Sieve redirect with headers {} our check did not write: removed, not scored",
            mail.getName(), stripped);
    }

    @Override
    public String getMailetInfo() {
        return "Postino: a Sieve redirect keeps the spam verdict of the mail it copies";
    }
}
