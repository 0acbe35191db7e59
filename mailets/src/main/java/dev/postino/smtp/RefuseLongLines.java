package dev.postino.smtp;

import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.protocols.api.ProtocolSession.AttachmentKey;
import org.apache.james.protocols.api.ProtocolSession.State;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.ConnectHandler;
import org.apache.james.protocols.smtp.MailEnvelope;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.protocols.smtp.hook.MessageHook;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;

/**
 * Refuses a whole message that holds a line longer than James's line limit (8192 octets with
 * its CRLF), with one reply at the final dot: {@code 554 5.6.0}. Nothing is stored.
 *
 * <p>James 3.8.1 answers such a line at once with {@code 500 Line length exceeded}, stays in
 * DATA, drops the line and stores the rest with a second reply, {@code 250}: a truncated mail,
 * and a client that does not read during DATA takes the 500 for the reply to its dot and may
 * send again. RFC 5321 §4.5.3.1.6 allows 1000 octets a line; we keep James's 8192 and refuse
 * beyond it, as Sun's Messaging Server ({@code rejectsmtplonglines}) and KumoMTA do, rather than
 * deliver a message we had to cut. (Postfix accepts and splits such lines; with James's line
 * decoder that would need the whole line in memory.) A too long command line keeps James's
 * {@code 500}: it is the answer to that command.
 *
 * <p>Put it first in the handlerchain, so that no other hook judges a message it refuses:
 * <pre>{@code
 * <handler class="dev.postino.smtp.RefuseLongLines"/>
 * }</pre>
 * No init parameters. Start-up fails if this James's Netty transport cannot be reached
 * ({@link SmtpChannel}).
 */
public class RefuseLongLines implements ConnectHandler<SMTPSession>, MessageHook {
    static final HookResult REFUSED = HookResult.builder().hookReturnCode(HookReturnCode.deny())
        .smtpReturnCode("554").smtpDescription("5.6.0 Message refused: a line is too long").build();
    private static final Logger LOGGER = LoggerFactory.getLogger(RefuseLongLines.class);
    private static final AttachmentKey<Boolean> LINE_TOO_LONG = AttachmentKey.of("postino.lineTooLong", Boolean.class);

    @Override
    public void init(Configuration config) throws ConfigurationException {
        SmtpChannel.requireReachable(RefuseLongLines.class.getName());
    }

    @Override
    public Response onConnect(SMTPSession session) {
        SmtpChannel.install(session, "postinoLongLines", new MarkLongDataLines(session));
        return SmtpChannel.NOTHING_TO_SAY;
    }

    @Override
    public HookResult onMessage(SMTPSession session, MailEnvelope mail) {
        if (session.getAttachment(LINE_TOO_LONG, State.Transaction).isPresent()) {
            LOGGER.info("session={} remote={} refused a message with a line over 8192 octets", session.getSessionID(),
                session.getRemoteAddress());
            return REFUSED;
        }
        return HookResult.DECLINED;
    }

    /**
     * Takes the decoder's {@code TooLongFrameException} during DATA away from James (which would
     * answer it at once) and marks the transaction instead. The decoder has already dropped the
     * line; the rest of the message is read to its dot as usual, then refused by the hook.
     */
    private static final class MarkLongDataLines extends ChannelInboundHandlerAdapter {
        private final SMTPSession session;

        MarkLongDataLines(SMTPSession session) {
            this.session = session;
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) throws Exception {
            if (cause instanceof TooLongFrameException && SmtpChannel.inData(session)) {
                session.setAttachment(LINE_TOO_LONG, Boolean.TRUE, State.Transaction);
                return;
            }
            ctx.fireExceptionCaught(cause);
        }
    }
}
