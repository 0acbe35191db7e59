package dev.postino.smtp;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.core.Username;
import org.apache.james.metrics.api.Metric;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.smtp.MailEnvelope;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.protocols.smtp.hook.MailHook;
import org.apache.james.protocols.smtp.hook.MessageHook;
import org.apache.james.protocols.smtp.hook.RcptHook;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.postino.core.size.SizeLimitStore;
import dev.postino.core.size.SizePolicy;
import dev.postino.core.smtp.SmtpReply;

/**
 * Postino's per-sender and per-recipient size limits ({@link SizePolicy}) at SMTP time, on top of
 * the listener's {@code maxmessagesize}: {@code MAIL ... SIZE=n} too big for any recipient of this
 * sender → {@code 552 5.3.4}; {@code RCPT} of a recipient whose limit the declared size exceeds →
 * {@code 552 5.3.4} for that recipient only; at the end of DATA, the real size → {@code 552 5.3.4}
 * when it fits nobody, or when the sender is not authenticated and it does not fit everyone (we
 * never bounce to outsiders). The sender's limits are those of the authenticated user, if any.
 *
 * <p>No init parameters; the limits are the {@code size.*} keys of {@code postino.properties} and
 * webadmin's {@code /postino/limits}, through {@link SizeLimitsModule}. Each refusal is counted
 * as {@code postino_size_refused} in James's metrics. After {@code CoreCmdHandlerLoader}, so relay
 * and identity checks answer first and {@code postmaster} stays reachable:
 *
 * <pre>{@code
 * <handlerchain>
 *     <handler class="dev.postino.smtp.EnhancedSizeRefusal"/>
 *     <handler class="org.apache.james.smtpserver.CoreCmdHandlerLoader"/>
 *     <handler class="dev.postino.smtp.RefuseOversized"/>
 * </handlerchain>
 * }</pre>
 */
public class RefuseOversized implements MailHook, RcptHook, MessageHook {
    private static final Logger LOGGER = LoggerFactory.getLogger(RefuseOversized.class);
    /**
     * Where James's {@code MailSizeEsmtpExtension} keeps the SIZE declared at MAIL (it parses the
     * parameter, so MAIL hooks run after it). Its key is private: matched by name and type, and
     * covered by the it-tests.
     */
    static final ProtocolSession.AttachmentKey<Integer> DECLARED_SIZE =
        ProtocolSession.AttachmentKey.of("MESG_SIZE", Integer.class);

    /** Every {@code 552 5.3.4} this hook answers, at MAIL, RCPT or DATA. */
    public static final String REFUSED_METRIC = "postino_size_refused";

    private final SizePolicy policy;
    private final Metric refused;

    @Inject
    public RefuseOversized(SizeLimitStore limits, MetricFactory metricFactory) {
        this.policy = new SizePolicy(limits);
        this.refused = metricFactory.generate(REFUSED_METRIC);
    }

    @Override
    public HookResult doMail(SMTPSession session, MaybeSender sender) {
        Optional<Integer> declared = declaredSize(session);
        if (declared.isEmpty()) {
            return HookResult.DECLINED;
        }
        return answer(session, policy.atMail(declared.get(), submitter(session)),
            "MAIL from=" + sender.asString() + " size=" + declared.get());
    }

    @Override
    public HookResult doRcpt(SMTPSession session, MaybeSender sender, MailAddress rcpt) {
        Optional<Integer> declared = declaredSize(session);
        if (declared.isEmpty()) {
            return HookResult.DECLINED;
        }
        return answer(session, policy.atRcpt(declared.get(), submitter(session), rcpt.asString()),
            "RCPT from=" + sender.asString() + " rcpt=" + rcpt.asString() + " size=" + declared.get());
    }

    @Override
    public HookResult onMessage(SMTPSession session, MailEnvelope mail) {
        List<String> recipients = new ArrayList<>();
        mail.getRecipients().forEach(rcpt -> recipients.add(rcpt.asString()));
        return answer(session, policy.atEndOfData(mail.getSize(), submitter(session), recipients),
            "DATA from=" + mail.getMaybeSender().asString() + " rcpts=" + recipients + " size=" + mail.getSize());
    }

    private HookResult answer(SMTPSession session, Optional<SmtpReply> refusal, String what) {
        if (refusal.isEmpty()) {
            return HookResult.DECLINED;
        }
        SmtpReply reply = refusal.get();
        refused.increment();
        LOGGER.info("session={} remote={} user={} refused {}: {}", session.getSessionID(), session.getRemoteAddress(),
            submitter(session).orElse("-"), what, reply);
        return HookResult.builder()
            .hookReturnCode(HookReturnCode.deny())
            .smtpReturnCode(String.valueOf(reply.code()))
            .smtpDescription(reply.enhancedStatus().map(status -> status + " ").orElse("") + reply.text())
            .build();
    }

    private static Optional<Integer> declaredSize(SMTPSession session) {
        return session.getAttachment(DECLARED_SIZE, ProtocolSession.State.Transaction);
    }

    private static Optional<String> submitter(SMTPSession session) {
        return Optional.ofNullable(session.getUsername()).map(Username::asString);
    }
}
