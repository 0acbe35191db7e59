package dev.postino.smtp;

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

import dev.postino.core.limits.Admission;
import dev.postino.core.limits.LimitRefusal;
import dev.postino.core.limits.Reservation;
import dev.postino.core.limits.SendUsage;
import dev.postino.core.limits.SendingLimiter;
import dev.postino.core.limits.Window;
import dev.postino.core.smtp.SmtpReply;

/**
 * Sending limits of authenticated senders (the login name, whatever MAIL FROM says) at SMTP time:
 * MAIL when a message limit is reached → {@code 451 4.7.1}; RCPT over a recipient limit →
 * {@code 452 4.5.3} for that recipient (the others stay accepted); at the end of DATA the message
 * is counted, or refused {@code 451 4.7.1} if another session took the room meanwhile. Sessions
 * without AUTH are never limited here (inbound mail is not a sender's quota). Each refusal is one
 * log line with the counts, and counted in James's metrics as {@code postino_sending_limit_mail_refused},
 * {@code postino_sending_limit_rcpt_refused} or {@code postino_sending_limit_data_refused}.
 *
 * <p>No init parameters; limits through {@code dev.postino.sending.SendingLimitsModule}. Goes
 * after {@code CoreCmdHandlerLoader} (relay and identity checks answer first), with
 * {@link SettleSendingLimit} before it, which hands the count back when the message is not
 * accepted after all:
 *
 * <pre>{@code
 * <handlerchain>
 *     <handler class="dev.postino.smtp.SettleSendingLimit"/>
 *     <handler class="org.apache.james.smtpserver.CoreCmdHandlerLoader"/>
 *     <handler class="dev.postino.smtp.RefuseOverSendingLimit"/>
 * </handlerchain>
 * }</pre>
 */
public class RefuseOverSendingLimit implements MailHook, RcptHook, MessageHook {
    /** The message counted at the end of DATA, until {@link SettleSendingLimit} sees the answer. */
    static final ProtocolSession.AttachmentKey<Reservation> RESERVATION =
        ProtocolSession.AttachmentKey.of("postino.sending-limit.reservation", Reservation.class);
    private static final Logger LOGGER = LoggerFactory.getLogger(RefuseOverSendingLimit.class);

    private final SendingLimiter limiter;
    private final Metric mailRefused;
    private final Metric rcptRefused;
    private final Metric dataRefused;

    @Inject
    public RefuseOverSendingLimit(SendingLimiter limiter, MetricFactory metrics) {
        this.limiter = limiter;
        this.mailRefused = metrics.generate("postino_sending_limit_mail_refused");
        this.rcptRefused = metrics.generate("postino_sending_limit_rcpt_refused");
        this.dataRefused = metrics.generate("postino_sending_limit_data_refused");
    }

    @Override
    public HookResult doMail(SMTPSession session, MaybeSender sender) {
        Optional<String> user = user(session);
        if (user.isEmpty()) {
            return HookResult.DECLINED;
        }
        return answer(session, user.get(), limiter.checkMail(user.get()), mailRefused, "MAIL from=" + sender.asString());
    }

    @Override
    public HookResult doRcpt(SMTPSession session, MaybeSender sender, MailAddress rcpt) {
        Optional<String> user = user(session);
        if (user.isEmpty()) {
            return HookResult.DECLINED;
        }
        int accepted = session.getAttachment(SMTPSession.RCPT_LIST, ProtocolSession.State.Transaction).map(List::size).orElse(0);
        return answer(session, user.get(), limiter.checkRcpt(user.get(), accepted), rcptRefused,
            "RCPT from=" + sender.asString() + " rcpt=" + rcpt.asString() + " accepted=" + accepted);
    }

    @Override
    public HookResult onMessage(SMTPSession session, MailEnvelope mail) {
        Optional<String> user = user(session);
        if (user.isEmpty()) {
            return HookResult.DECLINED;
        }
        int recipients = mail.getRecipients().size();
        Admission admission = limiter.reserve(user.get(), recipients);
        admission.reservation().ifPresent(reservation -> session.setAttachment(RESERVATION, reservation,
            ProtocolSession.State.Connection));
        return answer(session, user.get(), admission.refusal(), dataRefused,
            "DATA from=" + mail.getMaybeSender().asString() + " rcpts=" + recipients);
    }

    private HookResult answer(SMTPSession session, String user, Optional<LimitRefusal> refusal, Metric metric, String what) {
        if (refusal.isEmpty()) {
            return HookResult.DECLINED;
        }
        metric.increment();
        SendUsage usage = limiter.usage(user);
        SmtpReply reply = refusal.get().reply();
        LOGGER.info("session={} remote={} user={} refused {}: {}; {}; {}; reply=\"{}\"", session.getSessionID(),
            session.getRemoteAddress(), user, what, refusal.get(), usage.window(Window.HOUR), usage.window(Window.DAY), reply);
        return HookResult.builder()
            .hookReturnCode(HookReturnCode.deny())
            .smtpReturnCode(String.valueOf(reply.code()))
            .smtpDescription(reply.enhancedStatus().map(status -> status + " ").orElse("") + reply.text())
            .build();
    }

    private static Optional<String> user(SMTPSession session) {
        return Optional.ofNullable(session.getUsername()).map(Username::asString);
    }
}
