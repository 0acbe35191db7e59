package dev.postino.mailets;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.inject.Inject;
import javax.inject.Named;
import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.james.lifecycle.api.LifecycleUtil;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.quota.QuotaManager;
import org.apache.james.mailbox.quota.UserQuotaRootResolver;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.server.core.MailImpl;
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
import dev.postino.delivery.MessageSize;

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
 * <p>A full mailbox: a recipient whose quota (messages or octets, set with James's
 * {@code /quota/users/…} routes) this message would exceed is not handed to the store, where James
 * would fail the append and, after its retries, send the mail to the error processor with nobody
 * told. Instead the sender gets a failure DSN with {@code Status: 5.2.2} (RFC 3463 "mailbox full")
 * at once, as Dovecot and Postfix give it; a recipient for whom no DSN may be sent (NOTIFY=NEVER,
 * the null sender, mail judged spam) goes to the error processor as before, so the mail is kept.
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
    private static final EnhancedStatus MAILBOX_FULL = EnhancedStatus.of(5, 2, 2);
    private static final ThreadLocal<List<MailAddress>> FAILED = new ThreadLocal<>();

    private final HostIdentity host;
    private final MailboxRoom room;
    private final Clock clock;
    private DsnSender dsns;
    private MailetContext recording;

    @Inject
    public DeliverAndNotify(UsersRepository usersRepository, @Named("mailboxmanager") MailboxManager mailboxManager,
                            MetricFactory metricFactory, HostIdentity host, UserQuotaRootResolver quotaRoots,
                            QuotaManager quotas) {
        this(usersRepository, mailboxManager, metricFactory, host, new MailboxRoom(usersRepository, quotaRoots, quotas),
            Clock.systemUTC());
    }

    DeliverAndNotify(UsersRepository usersRepository, MailboxManager mailboxManager, MetricFactory metricFactory,
                     HostIdentity host, MailboxRoom room, Clock clock) {
        super(usersRepository, mailboxManager, metricFactory);
        this.host = host;
        this.room = room;
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
        Map<MailAddress, String> full = mailboxesTooFull(mail);
        if (!full.isEmpty()) {
            List<MailAddress> rest = new ArrayList<>(mail.getRecipients());
            rest.removeAll(full.keySet());
            mail.setRecipients(rest);
            refuse(mail, full);
        }
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

    private Map<MailAddress, String> mailboxesTooFull(Mail mail) throws MessagingException {
        Map<MailAddress, String> full = new LinkedHashMap<>();
        long size = MessageSize.of(mail);
        for (MailAddress recipient : mail.getRecipients()) {
            try {
                room.tooFull(recipient, size).ifPresent(why -> full.put(recipient, why));
            } catch (Exception e) { // the store meets the same trouble and reports it as before
                LOGGER.warn("mail={} quota of {} could not be read: {}", mail.getName(), recipient.asString(), e.toString());
            }
        }
        return full;
    }

    /**
     * A failure DSN (5.2.2) for the recipients whose mailbox is full; those it may not name go to
     * the error processor, as a failed store would send them.
     */
    private void refuse(Mail mail, Map<MailAddress, String> full) throws MessagingException {
        Instant now = clock.instant();
        List<AttemptResult> results = new ArrayList<>();
        Map<String, String> details = new HashMap<>();
        full.forEach((recipient, why) -> {
            results.add(AttemptResult.of(recipient.asString(), AttemptResult.Kind.PERMANENT, MAILBOX_FULL,
                Optional.empty(), Optional.empty(), now));
            details.put(recipient.asString(), why);
        });
        LOGGER.info("mail={} sender={} not delivered, mailbox full: {}", mail.getName(), mail.getMaybeSender().asString(),
            full);
        Instant arrival = mail.getLastUpdated() == null ? now : mail.getLastUpdated().toInstant();
        List<String> reported;
        try {
            reported = dsns.send(mail, DsnRequest.Kind.FAILED, results, arrival, Optional.empty(), details);
        } catch (RuntimeException e) {
            LOGGER.error("mail={} FAILED DSN for {} could not be sent", mail.getName(), full.keySet(), e);
            reported = List.of();
        }
        List<MailAddress> kept = new ArrayList<>();
        for (MailAddress recipient : full.keySet()) {
            if (reported.stream().noneMatch(recipient.asString()::equalsIgnoreCase)) {
                kept.add(recipient);
            }
        }
        if (!kept.isEmpty()) {
            String state = getInitParameter("onMailetException", Mail.ERROR);
            Mail copy = MailImpl.builder()
                .name("error-" + mail.getName())
                .sender(mail.getMaybeSender())
                .addRecipients(kept)
                .mimeMessage(mail.getMessage())
                .state("propagate".equalsIgnoreCase(state) ? Mail.ERROR : state)
                .build();
            try {
                super.getMailetContext().sendMail(copy);
            } finally {
                LifecycleUtil.dispose(copy);
            }
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
