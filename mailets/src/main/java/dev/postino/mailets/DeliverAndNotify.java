package dev.postino.mailets;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.inject.Inject;
import javax.inject.Named;
import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.transport.mailets.LocalDelivery;
import org.apache.james.user.api.UsersRepository;
import org.apache.mailet.Mail;
import org.apache.mailet.MailetContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.postino.core.dsn.DsnRequest;
import dev.postino.core.retry.AttemptResult;
import dev.postino.core.smtp.EnhancedStatus;
import dev.postino.deliverability.HostIdentity;
import dev.postino.delivery.DsnSender;

/**
 * James's {@code LocalDelivery}, plus the RFC 3461 success notice: a recipient whose client asked
 * for {@code NOTIFY=SUCCESS} and whose mail was stored in their mailbox gets its sender an
 * RFC 3464 DSN with {@code Action: delivered}, {@code Status: 2.0.0} (through {@link DsnSender}:
 * never to {@code <>}, never for a DSN or for mail judged spam; headers only, whatever RET says).
 *
 * <p>Why not a mailet after {@code LocalDelivery}: James 3.8.1's {@code MailDispatcher} leaves the
 * mail's recipients as they were when a store fails; it sends a new mail, {@code error-<name>},
 * holding the failed recipients to the error processor, through the mailet context. This mailet
 * hands {@code LocalDelivery} a context that notes those recipients (on the spool thread running
 * {@link #service}) and passes the mail on unchanged, so a recipient whose delivery failed never
 * gets a "delivered" notice. A mail none of whose recipients asked for a success notice costs one
 * look at its DSN parameters.
 *
 * <p>Init parameters: those of {@code LocalDelivery} ({@code consume}, default {@code true};
 * {@code retries}; {@code onMailetException}, default {@code error}). {@code ignore} is refused:
 * failed stores would then be invisible and reported as delivered.
 * <pre>{@code
 * <mailet match="All" class="dev.postino.mailets.DeliverAndNotify"/>
 * }</pre>
 */
public class DeliverAndNotify extends LocalDelivery {
    private static final Logger LOGGER = LoggerFactory.getLogger(DeliverAndNotify.class);
    private static final EnhancedStatus DELIVERED = EnhancedStatus.of(2, 0, 0);
    private static final ThreadLocal<List<MailAddress>> FAILED = new ThreadLocal<>();

    private final HostIdentity host;
    private final Clock clock;
    private DsnSender dsns;
    private MailetContext recording;

    @Inject
    public DeliverAndNotify(UsersRepository usersRepository, @Named("mailboxmanager") MailboxManager mailboxManager,
                            MetricFactory metricFactory, HostIdentity host) {
        this(usersRepository, mailboxManager, metricFactory, host, Clock.systemUTC());
    }

    DeliverAndNotify(UsersRepository usersRepository, MailboxManager mailboxManager, MetricFactory metricFactory,
                     HostIdentity host, Clock clock) {
        super(usersRepository, mailboxManager, metricFactory);
        this.host = host;
        this.clock = clock;
    }

    @Override
    public void init() throws MessagingException {
        if ("ignore".equalsIgnoreCase(getInitParameter("onMailetException", ""))) {
            throw new MessagingException("mailet " + getMailetName() + ": onMailetException=ignore is not supported:"
                + " a failed delivery would be reported as delivered; use error (default) or propagate");
        }
        recording = recordingErrors(super.getMailetContext());
        super.init();
        dsns = new DsnSender(super.getMailetContext(), host.hostName(), clock);
    }

    /** {@code LocalDelivery.init()} builds its dispatcher with this context. */
    @Override
    public MailetContext getMailetContext() {
        return recording == null ? super.getMailetContext() : recording;
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        List<String> asked = new ArrayList<>();
        if (mail.dsnParameters().isPresent()) {
            mail.getRecipients().stream().map(MailAddress::asString)
                .filter(rcpt -> DsnSender.successRequested(mail, rcpt)).forEach(asked::add);
        }
        if (asked.isEmpty()) {
            super.service(mail);
            return;
        }
        List<MailAddress> failed = new ArrayList<>();
        FAILED.set(failed);
        try {
            super.service(mail);
        } finally {
            FAILED.remove();
        }
        Instant now = clock.instant();
        List<AttemptResult> delivered = new ArrayList<>();
        for (String rcpt : asked) {
            if (failed.stream().noneMatch(f -> f.asString().equalsIgnoreCase(rcpt))) {
                delivered.add(AttemptResult.of(rcpt, AttemptResult.Kind.DELIVERED, DELIVERED, Optional.empty(),
                    Optional.empty(), now));
            }
        }
        if (!delivered.isEmpty()) {
            sendNotice(mail, delivered, now);
        }
    }

    /**
     * The mail is in the mailboxes by now: a notice that cannot be sent (the spool refuses it) is
     * logged and dropped, as {@code DeliveryWorker} does with a "relayed" one. Thrown on, it would
     * make James's processor move the delivered mail to the error processor, whose repository
     * would then hold it as undelivered (and a reprocess would deliver it again).
     */
    private void sendNotice(Mail mail, List<AttemptResult> delivered, Instant now) {
        Instant arrival = mail.getLastUpdated() == null ? now : mail.getLastUpdated().toInstant();
        try {
            dsns.send(mail, DsnRequest.Kind.DELIVERED, delivered, arrival, Optional.empty(), Map.of());
        } catch (Exception e) {
            LOGGER.error("mail={} DELIVERED DSN for {} could not be sent", mail.getName(), delivered, e);
        }
    }

    @Override
    public String getMailetInfo() {
        return "Postino: LocalDelivery with NOTIFY=SUCCESS 'delivered' DSNs";
    }

    /**
     * The context, noting the recipients of the {@code error-…} mail that {@code MailDispatcher}
     * sends for failed stores while {@link #service} runs on this thread. Everything is passed on.
     */
    static MailetContext recordingErrors(MailetContext context) {
        return (MailetContext) Proxy.newProxyInstance(DeliverAndNotify.class.getClassLoader(),
            new Class<?>[] {MailetContext.class}, (proxy, method, args) -> {
                List<MailAddress> failed = FAILED.get();
                if (failed != null && method.getName().equals("sendMail") && args != null && args.length >= 1
                    && args[0] instanceof Mail) {
                    failed.addAll(((Mail) args[0]).getRecipients());
                }
                try {
                    return method.invoke(context, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            });
    }
}
