package dev.postino.smtp;

import javax.inject.Inject;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.domainlist.api.DomainListException;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.protocols.smtp.hook.RcptHook;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refuses {@code RCPT TO:<"user@remote.test"@a.test>} for one of our own domains with
 * {@code 550 5.1.1}: a quoted local part may hold an {@code @} (RFC 5321 §4.1.2), but no James
 * user can, and James's {@code ValidRcptHandler} fails on such an address and answers
 * {@code 451 4.0.0}, so the sender would retry for days what can never be delivered. Remote
 * domains are left alone (their users may have such names). Must come before
 * {@code ValidRcptHandler}:
 *
 * <pre>{@code
 * <handler class="dev.postino.smtp.RefuseAtSignInLocalPart"/>
 * <handler class="org.apache.james.smtpserver.fastfail.ValidRcptHandler"/>
 * }</pre>
 */
public class RefuseAtSignInLocalPart implements RcptHook {
    private static final Logger LOGGER = LoggerFactory.getLogger(RefuseAtSignInLocalPart.class);
    private static final HookResult NO_SUCH_USER = HookResult.builder()
        .hookReturnCode(HookReturnCode.deny())
        .smtpReturnCode("550")
        .smtpDescription("5.1.1 no such user here")
        .build();

    private final DomainList domains;

    @Inject
    public RefuseAtSignInLocalPart(DomainList domains) {
        this.domains = domains;
    }

    @Override
    public HookResult doRcpt(SMTPSession session, MaybeSender sender, MailAddress rcpt) {
        if (rcpt.getLocalPart().indexOf('@') < 0) {
            return HookResult.DECLINED;
        }
        try {
            if (!domains.containsDomain(rcpt.getDomain())) {
                return HookResult.DECLINED;
            }
        } catch (DomainListException e) {
            return HookResult.DECLINED; // ValidRcptHandler then answers as it would have
        }
        LOGGER.info("session={} refused RCPT {}: '@' in the local part of a local address", session.getSessionID(), rcpt);
        return NO_SUCH_USER;
    }
}
