package dev.postino.mailets;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.james.server.core.MailImpl;
import org.apache.james.sieverepository.api.SieveRepository;
import org.apache.james.sieverepository.api.exception.ScriptNotFoundException;
import org.apache.james.transport.mailets.jsieve.ActionDispatcher;
import org.apache.james.transport.mailets.jsieve.ResourceLocator;
import org.apache.james.transport.mailets.jsieve.SieveMailAdapter;
import org.apache.james.transport.mailets.jsieve.delivery.SieveExecutor;
import org.apache.james.transport.mailets.jsieve.delivery.SieveFailureMessageComposer;
import org.apache.james.transport.mailets.jsieve.delivery.SievePoster;
import org.apache.james.user.api.UsersRepository;
import org.apache.jsieve.ConfigurationManager;
import org.apache.jsieve.SieveConfigurationException;
import org.apache.jsieve.SieveFactory;
import org.apache.jsieve.exception.SieveException;
import org.apache.jsieve.parser.generated.ParseException;
import org.apache.jsieve.parser.generated.TokenMgrError;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.postino.config.ConfigException;
import dev.postino.config.ConfigValues;
import dev.postino.core.spam.SpamThresholds;
import dev.postino.sieve.SpamtestTestManager;

/**
 * James's {@code Sieve} mailet plus RFC 3685 {@code spamtest} (and {@code require "relational"}
 * for its {@code :value}/{@code :count}): runs each recipient's active Sieve script against the
 * mail. Otherwise it behaves as James's: no active script → nothing to do; a script that fails to
 * parse or run → the recipient gets a notification mail (itself never run through Sieve) and the
 * mail is kept. The thresholds only spread the scores over spam levels (README "Sieve"): set them
 * to {@code SpamCheck}'s {@code tagThreshold} and {@code RejectSpamAtData}'s {@code rejectThreshold}.
 *
 * <table>
 * <caption>Init parameters (all optional; a bad value fails start-up naming it)</caption>
 * <tr><td>tagThreshold</td><td>5.0</td><td>score of spam level 5</td></tr>
 * <tr><td>rejectThreshold</td><td>15.0</td><td>score of spam level 10; not below tagThreshold</td></tr>
 * </table>
 *
 * <pre>{@code
 * <mailet match="All" class="dev.postino.mailets.SieveWithSpamtest">
 *     <tagThreshold>5.0</tagThreshold>
 *     <rejectThreshold>15.0</rejectThreshold>
 *     <onMailetException>ignore</onMailetException>
 * </mailet>
 * }</pre>
 */
public class SieveWithSpamtest extends GenericMailet {
    private static final Logger LOGGER = LoggerFactory.getLogger(SieveWithSpamtest.class);
    static final String TAG_THRESHOLD = "tagThreshold";
    static final String REJECT_THRESHOLD = "rejectThreshold";

    private final UsersRepository usersRepository;
    private final ResourceLocator scripts;
    private final ActionDispatcher dispatcher = new ActionDispatcher();
    private SievePoster poster;
    private SieveFactory factory;

    @Inject
    public SieveWithSpamtest(UsersRepository usersRepository, SieveRepository sieveRepository) {
        this(usersRepository, new ResourceLocator(sieveRepository, usersRepository));
    }

    SieveWithSpamtest(UsersRepository usersRepository, ResourceLocator scripts) {
        this.usersRepository = usersRepository;
        this.scripts = scripts;
    }

    @Override
    public void init() throws MessagingException {
        ConfigValues values = MailetParameters.parameters(this, TAG_THRESHOLD, REJECT_THRESHOLD);
        double tag = score(values, TAG_THRESHOLD, SpamThresholds.DEFAULT_TAG);
        double reject = score(values, REJECT_THRESHOLD, SpamThresholds.DEFAULT_REJECT);
        if (reject < tag) {
            throw new ConfigException("mailet " + getMailetName() + ": bad value for " + REJECT_THRESHOLD + "='" + reject
                + "': must not be below " + TAG_THRESHOLD + " (" + tag + ")");
        }
        try {
            ConfigurationManager jsieve = new ConfigurationManager();
            factory = new SieveFactory(jsieve.getCommandManager(), jsieve.getComparatorManager(),
                new SpamtestTestManager(jsieve.getTestManager(), SpamThresholds.of(tag, reject)));
        } catch (SieveConfigurationException e) {
            throw new MessagingException("cannot load jsieve's standard configuration", e);
        }
        poster = new SievePoster(usersRepository, "INBOX");
    }

    private double score(ConfigValues values, String key, double defaultValue) {
        String text = values.string(key).map(String::trim).orElse(null);
        if (text == null) {
            return defaultValue;
        }
        try {
            double value = Double.parseDouble(text);
            if (!Double.isNaN(value) && !Double.isInfinite(value)) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigException("mailet " + getMailetName() + ": bad value for " + key + "='" + text
            + "': expected a score such as 5.0");
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        // The notification about a broken script goes to its owner without being filtered again (as James's Sieve).
        boolean notification = mail.getAttribute(SieveExecutor.SIEVE_NOTIFICATION)
            .map(attribute -> Boolean.TRUE.equals(attribute.getValue().value())).orElse(false);
        if (notification) {
            return;
        }
        for (MailAddress recipient : mail.getRecipients()) {
            run(recipient, mail);
        }
    }

    /** As James's Sieve: whatever goes wrong for one recipient is logged and the mail goes on unfiltered. */
    private void run(MailAddress recipient, Mail mail) {
        try {
            evaluate(recipient, mail, scripts.get(recipient));
        } catch (ScriptNotFoundException e) {
            LOGGER.debug("rcpt={} has no active Sieve script", recipient.asString());
        } catch (Exception e) {
            LOGGER.error("mail={} rcpt={} Sieve script not run", mail.getName(), recipient.asString(), e);
        }
    }

    private void evaluate(MailAddress recipient, Mail mail, ResourceLocator.UserSieveInformation script)
            throws MessagingException {
        try {
            SieveMailAdapter adapter = new SieveMailAdapter(mail, getMailetContext(), dispatcher, poster,
                script.getScriptActivationDate(), script.getScriptInterpretationDate(), recipient);
            factory.evaluate(adapter, factory.parse(script.getScriptContent()));
        } catch (SieveException | ParseException e) {
            notifyOwner(recipient, mail, e);
        } catch (TokenMgrError e) {
            notifyOwner(recipient, mail, new SieveException(e));
        }
    }

    /** Tells the script's owner why it failed; the mail itself goes on as if there were no script. */
    private void notifyOwner(MailAddress recipient, Mail mail, Exception error) throws MessagingException {
        LOGGER.info("mail={} rcpt={} Sieve script error, owner notified: {}", mail.getName(), recipient.asString(),
            error.getMessage());
        MailImpl notice = MailImpl.builder()
            .name(MailImpl.getId())
            .addAttribute(new Attribute(SieveExecutor.SIEVE_NOTIFICATION, AttributeValue.of(true)))
            .sender(recipient)
            .addRecipient(recipient)
            .mimeMessage(SieveFailureMessageComposer.composeMessage(mail, error, recipient.toString()))
            .build();
        try {
            getMailetContext().sendMail(notice);
        } finally {
            notice.dispose();
        }
    }

    @Override
    public String getMailetInfo() {
        return "Postino: users' Sieve scripts, with RFC 3685 spamtest";
    }
}
