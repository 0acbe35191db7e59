package dev.postino.mailets;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.transport.mailets.RecipientRewriteTable;
import org.apache.mailet.DsnParameters;
import org.apache.mailet.Mail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.postino.core.dsn.DsnRequest;
import dev.postino.core.retry.AttemptResult;
import dev.postino.core.smtp.EnhancedStatus;
import dev.postino.deliverability.HostIdentity;
import dev.postino.delivery.DsnSender;

/**
 * James's {@code RecipientRewriteTable} (aliases, groups, forwards, domain mappings), plus what
 * RFC 3461 §6.2.7.3 asks of an alias when its sender wanted {@code NOTIFY=SUCCESS}: one
 * {@code Action: expanded} DSN naming the address the sender wrote to, and no success notice
 * from the addresses it stands for. James copies a rewritten recipient's DSN parameters to every
 * address it maps to; left so, each member's mailbox would send a "delivered" notice naming the
 * member — any outsider could list a group's members. So: every address that appeared through the
 * rewrite loses {@code SUCCESS} from its {@code NOTIFY} (it keeps FAILURE and DELAY; {@code NEVER}
 * when nothing is left), and every address that asked for it and was rewritten away gets the
 * expanded notice (never to {@code <>}, for a DSN or for spam, as every DSN of ours). A mail none
 * of whose recipients asked costs one look at its DSN parameters.
 *
 * <p>Init parameters: those of {@code RecipientRewriteTable} ({@code errorProcessor}).
 */
public class RewriteRecipients extends RecipientRewriteTable {
    private static final Logger LOGGER = LoggerFactory.getLogger(RewriteRecipients.class);
    private static final EnhancedStatus EXPANDED = EnhancedStatus.of(2, 0, 0);

    private final HostIdentity host;
    private final Clock clock;
    private DsnSender dsns;

    @Inject
    public RewriteRecipients(org.apache.james.rrt.api.RecipientRewriteTable table, DomainList domains, HostIdentity host) {
        this(table, domains, host, Clock.systemUTC());
    }

    RewriteRecipients(org.apache.james.rrt.api.RecipientRewriteTable table, DomainList domains, HostIdentity host,
                      Clock clock) {
        super(table, domains);
        this.host = host;
        this.clock = clock;
    }

    @Override
    public void init() throws MessagingException {
        super.init();
        dsns = new DsnSender(getMailetContext(), host.hostName(), clock);
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        List<MailAddress> asked = new ArrayList<>();
        if (mail.dsnParameters().isPresent()) {
            mail.getRecipients().stream().filter(r -> DsnSender.successRequested(mail, r.asString())).forEach(asked::add);
        }
        if (asked.isEmpty()) {
            super.service(mail);
            return;
        }
        Set<MailAddress> before = new LinkedHashSet<>(mail.getRecipients());
        DsnParameters sent = mail.dsnParameters().orElseThrow();
        super.service(mail);
        Set<MailAddress> after = new LinkedHashSet<>(mail.getRecipients());
        Set<MailAddress> appeared = new LinkedHashSet<>(after);
        appeared.removeAll(before);
        Optional<DsnParameters> rewritten = mail.dsnParameters().map(dsn -> withoutSuccess(dsn, appeared));
        List<MailAddress> expanded = new ArrayList<>();
        asked.stream().filter(r -> !after.contains(r)).forEach(expanded::add);
        if (!expanded.isEmpty()) {
            // The rewrite moved the alias's parameters to its members: the notice reads them as sent.
            mail.setDsnParameters(sent);
            notifyExpanded(mail, expanded);
        }
        rewritten.ifPresent(mail::setDsnParameters);
    }

    /** The parameters with {@code SUCCESS} taken out of the {@code NOTIFY} of {@code addresses}. */
    private static DsnParameters withoutSuccess(DsnParameters dsn, Set<MailAddress> addresses) {
        Map<MailAddress, DsnParameters.RecipientDsnParameters> rcpts = new LinkedHashMap<>(dsn.getRcptParameters());
        for (MailAddress address : addresses) {
            DsnParameters.RecipientDsnParameters params = rcpts.get(address);
            if (params == null || params.getNotifyParameter().filter(n -> n.contains(DsnParameters.Notify.SUCCESS)).isEmpty()) {
                continue;
            }
            EnumSet<DsnParameters.Notify> notify = EnumSet.copyOf(params.getNotifyParameter().get());
            notify.remove(DsnParameters.Notify.SUCCESS);
            if (notify.isEmpty()) {
                notify = EnumSet.of(DsnParameters.Notify.NEVER);
            }
            Optional<DsnParameters.RecipientDsnParameters> kept =
                DsnParameters.RecipientDsnParameters.of(Optional.of(notify), params.getOrcptParameter());
            rcpts.put(address, kept.orElseThrow());
        }
        return dsn.withRcptParameters(rcpts);
    }

    /** One notice for the rewritten addresses; a notice that cannot be sent is logged, the mail goes on. */
    private void notifyExpanded(Mail mail, List<MailAddress> expanded) {
        Instant now = clock.instant();
        List<AttemptResult> results = new ArrayList<>();
        for (MailAddress address : expanded) {
            results.add(AttemptResult.of(address.asString(), AttemptResult.Kind.DELIVERED, EXPANDED, Optional.empty(),
                Optional.empty(), now));
        }
        Instant arrival = mail.getLastUpdated() == null ? now : mail.getLastUpdated().toInstant();
        try {
            dsns.send(mail, DsnRequest.Kind.EXPANDED, results, arrival, Optional.empty(), Map.of());
        } catch (RuntimeException e) {
            LOGGER.error("mail={} expanded DSN for {} could not be sent; the mail goes on", mail.getName(), expanded, e);
        }
    }

    @Override
    public String getMailetInfo() {
        return "Postino: RecipientRewriteTable with RFC 3461 'expanded' DSNs";
    }
}
