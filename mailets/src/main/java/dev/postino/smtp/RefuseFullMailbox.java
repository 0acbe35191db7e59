package dev.postino.smtp;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.core.Username;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.mailbox.quota.QuotaManager;
import org.apache.james.mailbox.quota.UserQuotaRootResolver;
import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.smtp.MailEnvelope;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.protocols.smtp.hook.MessageHook;
import org.apache.james.protocols.smtp.hook.RcptHook;
import org.apache.james.rrt.api.RecipientRewriteTable;
import org.apache.james.user.api.UsersRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.postino.mailets.MailboxRoom;

/**
 * RCPT to a local mailbox that is full: {@code 452 4.2.2} (RFC 3463 "mailbox full", RFC 5321
 * §4.5.3.1.10), as Gmail answers; at the end of DATA the same when no recipient has room for
 * the message's actual size. The sending server keeps the mail and retries, and reports to
 * its own user if the mailbox stays full; accepted, the mail would later bounce from us, to a
 * sender who may be forged (backscatter). Full means the user's quota (James's
 * {@code /quota/users/…} routes; unlimited by default) cannot take one more message, or the size
 * the client announced with {@code SIZE=}. The reply names no figures: those are the user's.
 *
 * <p>Only an address that is a user's own mailbox is checked (not an alias, group or forward,
 * whose targets are checked when the mail is delivered); the other recipients of the same mail are
 * not affected. A recipient without room for a message that others of its recipients have room
 * for gets its sender a 5.2.2 DSN at delivery ({@code DeliverAndNotify}). Trouble reading users or quotas lets the RCPT through (the store
 * checks again). No init parameters; after {@code ValidRcptHandler}, which refuses unknown users:
 * <pre>{@code
 * <handler class="org.apache.james.smtpserver.fastfail.ValidRcptHandler"/>
 * <handler class="dev.postino.smtp.RefuseFullMailbox"/>
 * }</pre>
 */
public class RefuseFullMailbox implements RcptHook, MessageHook {
    private static final Logger LOGGER = LoggerFactory.getLogger(RefuseFullMailbox.class);

    private final DomainList domains;
    private final UsersRepository users;
    private final RecipientRewriteTable rewrites;
    private final MailboxRoom room;

    @Inject
    public RefuseFullMailbox(DomainList domains, UsersRepository users, RecipientRewriteTable rewrites,
                             UserQuotaRootResolver quotaRoots, QuotaManager quotas) {
        this(domains, users, rewrites, new MailboxRoom(users, quotaRoots, quotas));
    }

    RefuseFullMailbox(DomainList domains, UsersRepository users, RecipientRewriteTable rewrites, MailboxRoom room) {
        this.domains = domains;
        this.users = users;
        this.rewrites = rewrites;
        this.room = room;
    }

    @Override
    public HookResult doRcpt(SMTPSession session, MaybeSender sender, MailAddress rcpt) {
        long size = session.getAttachment(RefuseOversized.DECLARED_SIZE, ProtocolSession.State.Transaction).orElse(0);
        Optional<String> full = tooFull(session, rcpt, size);
        if (full.isEmpty()) {
            return HookResult.DECLINED;
        }
        LOGGER.info("session={} remote={} refused RCPT from={} rcpt={}: {}", session.getSessionID(),
            session.getRemoteAddress(), sender.asString(), rcpt.asString(), full.get());
        return refusal("<" + rcpt.asString() + "> mailbox full");
    }

    /**
     * The end of DATA, when the size is known: if the mailbox of every recipient is too full for
     * this message, nothing is taken ({@code 452 4.2.2}). If some have room the mail is accepted,
     * and the others get their sender a DSN at delivery: one reply cannot refuse some recipients.
     */
    @Override
    public HookResult onMessage(SMTPSession session, MailEnvelope mail) {
        List<String> full = new ArrayList<>();
        for (MailAddress rcpt : mail.getRecipients()) {
            Optional<String> why = tooFull(session, rcpt, mail.getSize());
            if (why.isEmpty()) {
                return HookResult.DECLINED;
            }
            full.add(rcpt.asString() + ": " + why.get());
        }
        if (full.isEmpty()) {
            return HookResult.DECLINED;
        }
        LOGGER.info("session={} remote={} refused DATA from={}: {}", session.getSessionID(), session.getRemoteAddress(),
            mail.getMaybeSender().asString(), full);
        return refusal("mailbox full");
    }

    private Optional<String> tooFull(SMTPSession session, MailAddress rcpt, long size) {
        try {
            if (!domains.containsDomain(rcpt.getDomain())) {
                return Optional.empty(); // without virtual hosting, carol@remote.test would name our user carol
            }
            Username user = users.getUsername(rcpt);
            if (!users.contains(user) || !rewrites.getResolvedMappings(rcpt.getLocalPart(), rcpt.getDomain()).isEmpty()) {
                return Optional.empty();
            }
            return room.tooFull(rcpt, size);
        } catch (Exception e) { // the store checks again when it appends
            LOGGER.warn("session={} quota of {} could not be read: {}", session.getSessionID(), rcpt.asString(), e.toString());
            return Optional.empty();
        }
    }

    private static HookResult refusal(String what) {
        return HookResult.builder()
            .hookReturnCode(HookReturnCode.denySoft())
            .smtpReturnCode("452")
            .smtpDescription("4.2.2 " + what + ", try again later")
            .build();
    }
}
