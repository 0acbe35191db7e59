package dev.postino.mailets;

import java.util.List;

import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.postino.core.spam.ForgedHeaders;
import dev.postino.spam.SpamHeaders;

/**
 * Removes every {@code X-Spam-*} header a sender put into the message (see
 * {@link ForgedHeaders}), so that only our own spam check's headers reach a mailbox.
 * Place it first in the root processor. No init parameters.
 *
 * <pre>{@code
 * <mailet match="All" class="dev.postino.mailets.RemoveForgedSpamHeaders"/>
 * }</pre>
 */
public class RemoveForgedSpamHeaders extends GenericMailet {
    private static final Logger LOGGER = LoggerFactory.getLogger(RemoveForgedSpamHeaders.class);

    @Override
    public void service(Mail mail) throws MessagingException {
        MimeMessage message = mail.getMessage();
        List<String> forged = SpamHeaders.strip(message);
        if (forged.isEmpty()) {
            return;
        }
        SpamHeaders.saveChanges(message);
        LOGGER.info("mail={} stripped forged headers {}", mail.getName(), forged);
    }

    @Override
    public String getMailetInfo() {
        return "Postino: removes X-Spam-* headers set by senders";
    }
}
