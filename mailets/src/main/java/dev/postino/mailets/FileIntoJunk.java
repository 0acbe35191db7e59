package dev.postino.mailets;

import java.util.Locale;
import java.util.Optional;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.james.core.Username;
import org.apache.james.user.api.UsersRepository;
import org.apache.james.user.api.UsersRepositoryException;
import org.apache.mailet.Mail;
import org.apache.mailet.StorageDirective;
import org.apache.mailet.base.GenericMailet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.postino.config.ConfigException;

/**
 * Files the mail into each recipient's {@code folder} (created if missing when it is delivered)
 * unless the recipient's Sieve script filed it into another folder. Place it after James's
 * {@code Sieve} mailet, matched by {@code dev.postino.matchers.IsSpam}.
 *
 * <p>Why after Sieve, and why {@code INBOX} is overridden: James runs a script's {@code keep} —
 * the explicit one and the implicit keep of every script that takes no action on a message
 * (RFC 5228 §2.10.2) — as {@code fileinto "INBOX"}. Before Sieve, a Junk directive was replaced by
 * {@code INBOX} for any user with an active script that does not mention spam (a vacation reply, a
 * list filter). RFC 5228 §4.2: {@code keep} is what happens without a script, and for spam that
 * is Junk. A recipient the script redirected, rejected or discarded is no longer a recipient.
 *
 * <table>
 * <caption>Init parameters (all optional; a bad value fails start-up naming it)</caption>
 * <tr><td>folder</td><td>Junk</td><td>the folder spam is filed into</td></tr>
 * </table>
 *
 * <pre>{@code
 * <mailet match="All" class="dev.postino.mailets.SieveWithSpamtest"/>
 * <mailet match="dev.postino.matchers.IsSpam" class="dev.postino.mailets.FileIntoJunk">
 *     <folder>Junk</folder>
 * </mailet>
 * }</pre>
 */
public class FileIntoJunk extends GenericMailet {
    private static final Logger LOGGER = LoggerFactory.getLogger(FileIntoJunk.class);
    static final String FOLDER = "folder";
    static final String DEFAULT_FOLDER = "Junk";

    private final UsersRepository usersRepository;
    private String folder;

    @Inject
    public FileIntoJunk(UsersRepository usersRepository) {
        this.usersRepository = usersRepository;
    }

    @Override
    public void init() throws MessagingException {
        String configured = MailetParameters.parameters(this, FOLDER).string(FOLDER).orElse(DEFAULT_FOLDER);
        folder = configured.trim();
        if (folder.isEmpty() || isInbox(folder)) {
            throw new ConfigException("mailet " + getMailetName() + ": bad value for " + FOLDER + "='" + configured
                + "': a folder other than INBOX is needed");
        }
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        for (MailAddress recipient : mail.getRecipients()) {
            Username user = username(recipient);
            Optional<String> chosen = StorageDirective.fromMail(user, mail).getTargetFolder();
            if (chosen.isPresent() && !isInbox(chosen.get())) {
                LOGGER.info("mail={} rcpt={} spam left in {}, where the user's Sieve script filed it", mail.getName(),
                    recipient.asString(), chosen.get());
                continue;
            }
            StorageDirective.builder().targetFolder(folder).build().encodeAsAttributes(user).forEach(mail::setAttribute);
        }
    }

    /** {@code INBOX} in any case, as Sieve's {@code keep} writes it ({@code /INBOX}) or as configured. */
    private static boolean isInbox(String path) {
        String name = path.startsWith("/") ? path.substring(1) : path;
        return name.toUpperCase(Locale.ROOT).equals("INBOX");
    }

    private Username username(MailAddress recipient) throws MessagingException {
        try {
            return usersRepository.getUsername(recipient);
        } catch (UsersRepositoryException e) {
            throw new MessagingException("cannot name the user of " + recipient.asString(), e);
        }
    }

    @Override
    public String getMailetInfo() {
        return "Postino: files spam into Junk unless the user's Sieve script filed it elsewhere";
    }
}
