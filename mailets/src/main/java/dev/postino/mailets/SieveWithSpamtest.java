package dev.postino.mailets;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.james.core.builder.MimeMessageBuilder;
import org.apache.james.filesystem.api.FileSystem;
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
 * <p>The administrator's global script ({@code globalScript}, a file read at start-up, as Dovecot's
 * {@code sieve_before}) runs first for every recipient, with or without a script of their own. When
 * it only keeps the mail (implicitly or with {@code keep}), the recipient's own script runs as if
 * there were no global one; when it does anything else ({@code fileinto}, {@code redirect},
 * {@code discard}, {@code reject}, …), that is carried out and the recipient's script is not run:
 * the administrator has the first and, when they use it, the last word. A script that does not
 * parse, or names an extension we lack, stops start-up; one that fails on a mail is logged and
 * counts as a keep, so the mail goes on to the recipient's script.
 *
 * <table>
 * <caption>Init parameters (all optional; a bad value fails start-up naming it)</caption>
 * <tr><td>tagThreshold</td><td>5.0</td><td>score of spam level 5</td></tr>
 * <tr><td>rejectThreshold</td><td>15.0</td><td>score of spam level 10; not below tagThreshold</td></tr>
 * <tr><td>globalScript</td><td>none</td><td>the administrator's Sieve script (UTF-8), resolved against
 *     James's working directory, e.g. {@code conf/global.sieve}</td></tr>
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
    static final String GLOBAL_SCRIPT = "globalScript";

    private final UsersRepository usersRepository;
    private final ResourceLocator scripts;
    private final Supplier<Path> workingDirectory;
    private final ActionDispatcher dispatcher = new ActionDispatcher();
    private SievePoster poster;
    private SieveFactory factory;
    private String globalScript;
    private ZonedDateTime globalActivation;

    @Inject
    public SieveWithSpamtest(UsersRepository usersRepository, SieveRepository sieveRepository, FileSystem fileSystem) {
        this(usersRepository, new ResourceLocator(sieveRepository, usersRepository), () -> basedir(fileSystem));
    }

    SieveWithSpamtest(UsersRepository usersRepository, ResourceLocator scripts, Supplier<Path> workingDirectory) {
        this.usersRepository = usersRepository;
        this.scripts = scripts;
        this.workingDirectory = workingDirectory;
    }

    private static Path basedir(FileSystem fileSystem) {
        try {
            return fileSystem.getBasedir().toPath();
        } catch (FileNotFoundException e) {
            throw new IllegalStateException("James has no working directory", e);
        }
    }

    @Override
    public void init() throws MessagingException {
        ConfigValues values = MailetParameters.parameters(this, TAG_THRESHOLD, REJECT_THRESHOLD, GLOBAL_SCRIPT);
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
        globalActivation = ZonedDateTime.now();
        globalScript = values.string(GLOBAL_SCRIPT).map(String::trim).map(this::loadGlobalScript).orElse(null);
    }

    /**
     * Reads and checks the global script: it must parse, and a dry run on a small mail (its actions
     * held, never carried out) must not fail, which is when jsieve reports a {@code require} of an
     * extension we lack or a bad argument.
     */
    private String loadGlobalScript(String value) {
        String problem;
        Path file = workingDirectory.get().resolve(value).normalize();
        try {
            String script = Files.readString(file, StandardCharsets.UTF_8);
            MailImpl probe = MailImpl.builder().name("globalScript-check")
                .sender("postmaster@localhost").addRecipient("postmaster@localhost")
                .mimeMessage(MimeMessageBuilder.mimeMessageBuilder().setSubject("check").setText("check").build())
                .build();
            try {
                factory.evaluate(heldActions(probe, new MailAddress("postmaster@localhost"), new HashSet<>()), factory.parse(
                    new ByteArrayInputStream(script.getBytes(StandardCharsets.UTF_8))));
            } finally {
                probe.dispose();
            }
            return script;
        } catch (IOException e) {
            problem = "cannot read " + file + ": " + e;
        } catch (ParseException | TokenMgrError | SieveException e) {
            problem = "not a Sieve script we can run: " + e.getMessage();
        } catch (MessagingException e) {
            throw new IllegalStateException("cannot build the mail the global script is checked on", e);
        }
        throw new ConfigException("mailet " + getMailetName() + ": bad value for " + GLOBAL_SCRIPT + "='" + value + "': "
            + problem);
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
        // RFC 5228 §4.2 loop control: a rule that matches its own output (a redirected copy still says
        // "lottery") would otherwise send mail for ever; RedirectAction's check only sees the original.
        boolean global = globalScript != null && !PostinoAttributes.flag(mail, PostinoAttributes.SENT_BY_GLOBAL_SIEVE);
        Set<String> redirectedTo = new HashSet<>();
        for (MailAddress recipient : mail.getRecipients()) {
            if (!global || !runGlobal(recipient, mail, redirectedTo)) {
                run(recipient, mail);
            }
        }
    }

    /**
     * Runs the global script for one recipient; true when it decided (did more than keep), in which
     * case its actions were carried out. {@code redirectedTo}: the addresses it already sent this mail to.
     */
    private boolean runGlobal(MailAddress recipient, Mail mail, Set<String> redirectedTo) {
        GlobalScriptAdapter adapter = heldActions(mail, recipient, redirectedTo);
        try {
            factory.evaluate(adapter, factory.parse(
                new ByteArrayInputStream(globalScript.getBytes(StandardCharsets.UTF_8))));
        } catch (SieveException | ParseException | TokenMgrError | RuntimeException e) {
            LOGGER.error("mail={} rcpt={} global Sieve script failed, going on as if it kept the mail: {}", mail.getName(),
                recipient.asString(), e.getMessage(), e);
            return false;
        }
        if (adapter.onlyKeeps()) {
            return false;
        }
        LOGGER.info("mail={} rcpt={} global Sieve script decides: {}", mail.getName(), recipient.asString(),
            adapter.getActions());
        try {
            adapter.carryOut();
        } catch (SieveException | RuntimeException e) {
            // Some of its actions may have run: the recipient's script is not run on top of them.
            LOGGER.error("mail={} rcpt={} global Sieve script's actions failed: {}", mail.getName(), recipient.asString(),
                e.getMessage(), e);
        }
        return true;
    }

    /** The global script's adapter for one recipient: its actions are held until {@code carryOut}. */
    private GlobalScriptAdapter heldActions(Mail mail, MailAddress recipient, Set<String> redirectedTo) {
        return new GlobalScriptAdapter(mail, getMailetContext(), dispatcher, poster, globalActivation, recipient, redirectedTo);
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
