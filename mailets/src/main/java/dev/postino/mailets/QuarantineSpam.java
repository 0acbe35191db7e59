package dev.postino.mailets;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import javax.inject.Inject;
import javax.mail.Message;
import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.james.mailrepository.api.MailRepository;
import org.apache.james.mailrepository.api.MailRepositoryStore;
import org.apache.james.mailrepository.api.MailRepositoryUrl;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.postino.config.ConfigException;
import dev.postino.config.ConfigValues;
import dev.postino.core.spam.QuarantineNotice;
import dev.postino.matchers.SpamAttributes;
import dev.postino.spam.SpamHeaders;
import dev.postino.spam.SpamVerdictCounters;

/**
 * Holds a mail instead of sending it: stores it in a mail repository (browse, release or delete
 * it with webadmin {@code /mailRepositories}), tells the envelope sender why with a short local
 * notice from the postmaster (not a DSN), and ends the mail's processing. Meant for outgoing
 * spam from authenticated users, whose sender address James verified. Counted as
 * {@code postino_spam_quarantined} ({@link SpamVerdictCounters}).
 *
 * <table>
 * <caption>Init parameters (all optional; a bad value fails start-up naming it)</caption>
 * <tr><td>repositoryPath</td><td>memory://var/mail/postino-spam-quarantine/</td><td>where held mail goes</td></tr>
 * <tr><td>notifySender</td><td>true</td><td>send the sender a notice</td></tr>
 * </table>
 *
 * <pre>{@code
 * <mailet match="All" class="dev.postino.mailets.QuarantineSpam">
 *     <repositoryPath>memory://var/mail/postino-spam-quarantine/</repositoryPath>
 * </mailet>
 * }</pre>
 */
public class QuarantineSpam extends GenericMailet {
    private static final Logger LOGGER = LoggerFactory.getLogger(QuarantineSpam.class);
    static final Set<String> KEYS = Set.of("repositoryPath", "notifySender");
    static final String DEFAULT_REPOSITORY = "memory://var/mail/postino-spam-quarantine/";
    private static final Set<String> JAMES_KEYS = Set.of("onMailetException", "onMatchException");

    private final MailRepositoryStore repositories;
    private final SpamVerdictCounters counters;
    private MailRepository repository;
    private boolean notifySender;

    @Inject
    public QuarantineSpam(MailRepositoryStore repositories, SpamVerdictCounters counters) {
        this.repositories = repositories;
        this.counters = counters;
    }

    @Override
    public void init() throws MessagingException {
        String source = "mailet " + getMailetName();
        Map<String, String> values = new HashMap<>();
        for (Iterator<String> names = getInitParameterNames(); names.hasNext();) {
            String name = names.next();
            if (!JAMES_KEYS.contains(name)) {
                values.put(name, getInitParameter(name));
            }
        }
        ConfigValues params = new ConfigValues(source, values).requireOnly(KEYS);
        notifySender = params.bool("notifySender", true);
        String url = params.string("repositoryPath").orElse(DEFAULT_REPOSITORY);
        try {
            repository = repositories.select(MailRepositoryUrl.from(url));
        } catch (MailRepositoryStore.MailRepositoryStoreException | IllegalArgumentException e) {
            throw new ConfigException(source + ": bad value for repositoryPath='" + url + "': " + e.getMessage(), e);
        }
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        String status = SpamAttributes.string(mail, SpamAttributes.STATUS).orElse("judged spam");
        // A repository writes the message, which saves pending header edits first; a Content-Type
        // javax.mail cannot parse would fail that save and park the spam in the error repository.
        SpamHeaders.saveChanges(mail.getMessage());
        repository.store(mail);
        counters.quarantined();
        boolean notified = notifySender && mail.getMaybeSender().asOptional().isPresent();
        if (notified) {
            getMailetContext().sendMail(getMailetContext().getPostmaster(),
                List.of(mail.getMaybeSender().get()), notice(mail, status));
        }
        LOGGER.info("mail={} sender={} rcpts={} quarantined notified={} spam={}", mail.getName(),
            mail.getMaybeSender().asString(), mail.getRecipients(), notified, status);
        mail.setState(Mail.GHOST);
    }

    private MimeMessage notice(Mail mail, String status) throws MessagingException {
        List<String> recipients = new ArrayList<>();
        for (MailAddress rcpt : mail.getRecipients()) {
            recipients.add(rcpt.asString());
        }
        QuarantineNotice notice = QuarantineNotice.compose(mail.getMessage().getSubject(), recipients, status);
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
        message.setFrom(getMailetContext().getPostmaster().toInternetAddress().orElseThrow());
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(mail.getMaybeSender().get().asString()));
        message.setSubject(notice.subject(), "UTF-8");
        message.setText(notice.body(), "UTF-8");
        message.setSentDate(new java.util.Date());
        message.saveChanges();
        return message;
    }

    @Override
    public String getMailetInfo() {
        return "Postino: holds spam in a repository and tells the sender";
    }
}
