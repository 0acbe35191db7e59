package dev.postino.mailets;

import java.io.FileNotFoundException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.james.filesystem.api.FileSystem;
import org.apache.james.mailrepository.api.MailRepository;
import org.apache.james.mailrepository.api.MailRepositoryStore;
import org.apache.james.mailrepository.api.MailRepositoryUrl;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.postino.config.ConfigException;
import dev.postino.config.ConfigValues;
import dev.postino.config.PostinoProperties;
import dev.postino.core.dsn.DsnRequest;
import dev.postino.core.retry.AttemptResult;
import dev.postino.core.size.SizeLimitStore;
import dev.postino.core.size.SizePolicy;
import dev.postino.delivery.DsnSender;
import dev.postino.matchers.SmtpSubmitter;

/**
 * Ends a mail that is over its recipients' size limits after it was accepted (what
 * {@code dev.postino.matchers.IsOversized} matched). {@link SizePolicy#afterAcceptance} decides:
 * an authenticated sender gets a failure DSN with {@code Status: 5.3.4} naming each recipient's
 * limit; an unauthenticated one gets nothing (it may be forged: a bounce would be backscatter) and
 * the mail is kept in {@code oversizedRepository} for the administrator. Either way the mail goes
 * no further (GHOST). One log line per mail.
 *
 * <p>Init parameters (a bad one stops start-up naming it):
 * <ul>
 *   <li>{@code oversizedRepository}, default {@code memory://var/mail/postino-oversized/}</li>
 * </ul>
 *
 * <pre>{@code
 * <mailet match="dev.postino.matchers.IsOversized" class="dev.postino.mailets.BounceOversized">
 *     <oversizedRepository>memory://var/mail/postino-oversized/</oversizedRepository>
 * </mailet>
 * }</pre>
 */
public class BounceOversized extends GenericMailet {
    private static final Logger LOGGER = LoggerFactory.getLogger(BounceOversized.class);
    static final String REPOSITORY = "oversizedRepository";
    private static final Set<String> KEYS = Set.of(REPOSITORY);
    private static final Set<String> JAMES_KEYS = Set.of("onMailetException", "onMatchException");

    private final SizePolicy policy;
    private final MailRepositoryStore repositories;
    private final FileSystem fileSystem;
    private final Clock clock;
    private MailRepository kept;
    private DsnSender dsns;

    @Inject
    public BounceOversized(SizeLimitStore limits, MailRepositoryStore repositories, FileSystem fileSystem) {
        this(limits, repositories, fileSystem, Clock.systemUTC());
    }

    BounceOversized(SizeLimitStore limits, MailRepositoryStore repositories, FileSystem fileSystem, Clock clock) {
        this.policy = new SizePolicy(limits);
        this.repositories = repositories;
        this.fileSystem = fileSystem;
        this.clock = clock;
    }

    @Override
    public void init() throws MessagingException {
        ConfigValues params = parameters();
        String url = params.string(REPOSITORY).orElse("memory://var/mail/postino-oversized/");
        try {
            kept = repositories.select(MailRepositoryUrl.from(url));
        } catch (MailRepositoryStore.MailRepositoryStoreException | IllegalArgumentException e) {
            throw new ConfigException("mailet " + getMailetName() + ": bad value for " + REPOSITORY + "='" + url
                + "': " + e.getMessage(), e);
        }
        dsns = new DsnSender(getMailetContext(), reportingHost(), clock);
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        Optional<String> submitter = SmtpSubmitter.of(mail);
        long size = mail.getMessageSize();
        List<String> recipients = new ArrayList<>();
        mail.getRecipients().forEach(rcpt -> recipients.add(rcpt.asString()));
        if (policy.afterAcceptance(submitter) == SizePolicy.AfterAcceptance.BOUNCE) {
            Instant now = clock.instant();
            List<AttemptResult> results = new ArrayList<>();
            Map<String, String> details = new HashMap<>();
            for (String recipient : recipients) {
                results.add(AttemptResult.permanent(recipient, SizePolicy.TOO_BIG, Optional.empty(), Optional.empty(), now));
                details.put(recipient, policy.explain(size, submitter, recipient));
            }
            Instant arrival = mail.getLastUpdated() == null ? now : mail.getLastUpdated().toInstant();
            dsns.send(mail, DsnRequest.Kind.FAILED, results, arrival, Optional.empty(), details);
            LOGGER.info("mail={} from={} user={} size={} rcpts={} outcome=bounced status=5.3.4", mail.getName(),
                mail.getMaybeSender().asString(), submitter.get(), size, recipients);
        } else {
            kept.store(mail);
            LOGGER.info("mail={} from={} user=- size={} rcpts={} outcome=kept repository={}", mail.getName(),
                mail.getMaybeSender().asString(), size, recipients, kept);
        }
        mail.setState(Mail.GHOST);
    }

    @Override
    public String getMailetInfo() {
        return "Postino: DSN 5.3.4 (authenticated senders) or keep (others) for mail over its size limit";
    }

    private ConfigValues parameters() {
        Map<String, String> values = new HashMap<>();
        for (Iterator<String> names = getInitParameterNames(); names.hasNext();) {
            String name = names.next();
            if (!JAMES_KEYS.contains(name)) {
                values.put(name, getInitParameter(name));
            }
        }
        return new ConfigValues("mailet " + getMailetName(), values).requireOnly(KEYS);
    }

    private String reportingHost() {
        try {
            return PostinoProperties.load(fileSystem.getBasedir().toPath()).heloName().orElseGet(BounceOversized::hostName);
        } catch (FileNotFoundException e) {
            throw new IllegalStateException("James has no working directory", e);
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
