package dev.postino.smtp;

import java.lang.reflect.Field;
import java.util.Collections;
import java.util.List;

import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.protocols.api.ProtocolSessionImpl;
import org.apache.james.protocols.api.ProtocolTransport;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.netty.HandlerConstants;
import org.apache.james.protocols.netty.NettyProtocolTransport;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.smtpserver.ExtendedSMTPSession;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;

/**
 * The Netty channel under a James SMTP session, for the handlers that must act below James's
 * line handling ({@link RefuseLongLines}, {@link EnforceSmtpTimeouts}).
 *
 * <p>James 3.8.1 gives a handler the session only; its {@code NettyProtocolTransport} keeps the
 * channel in a private field and offers no accessor, and what we need happens below the session
 * (the line decoder's {@code TooLongFrameException}, bytes that never complete a line). So the
 * field is read by reflection — deliberately, and checked when the handler is initialised, so a
 * James whose transport changed stops start-up naming this class instead of running unprotected.
 */
final class SmtpChannel {
    private static final String FIELD = "channel";

    /**
     * What a connect handler that only installs something answers: no line, session goes on.
     * Not null, because James's JMX connect-handler statistics read every answer
     * ({@code ConnectHandlerStats.increment}) and fail the connection with {@code 451} on null.
     */
    static final Response NOTHING_TO_SAY = new Response() {
        @Override
        public String getRetCode() {
            return "";
        }

        @Override
        public List<CharSequence> getLines() {
            return Collections.emptyList();
        }

        @Override
        public boolean isEndSession() {
            return false;
        }
    };

    private SmtpChannel() {
    }

    /** Fails start-up, naming {@code handler}, when the channel cannot be reached in this James. */
    static void requireReachable(String handler) throws ConfigurationException {
        try {
            channelField();
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new ConfigurationException(handler + ": cannot reach the Netty channel of James's SMTP sessions ("
                + NettyProtocolTransport.class.getName() + "." + FIELD + ": " + e + "); this James is not 3.8.1", e);
        }
    }

    /** Adds {@code handler} right before James's core handler, so it sees every line and event first. */
    static void install(SMTPSession session, String name, ChannelHandler handler) {
        channel(session).pipeline().addBefore(HandlerConstants.CORE_HANDLER, name, handler);
    }

    /** True between the {@code 354} and the end of the message. */
    static boolean inData(SMTPSession session) {
        // JamesDataCmdHandler sets the writer at DATA; resetState (end of message, RSET, error) clears it.
        return session instanceof ExtendedSMTPSession && ((ExtendedSMTPSession) session).getMimeMessageWriter() != null;
    }

    static ProtocolTransport transport(SMTPSession session) {
        return ((ProtocolSessionImpl) session).getProtocolTransport();
    }

    private static Channel channel(SMTPSession session) {
        ProtocolTransport transport = transport(session);
        try {
            return (Channel) channelField().get(transport);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot reach the Netty channel of " + transport, e);
        }
    }

    private static Field channelField() throws NoSuchFieldException {
        Field field = NettyProtocolTransport.class.getDeclaredField(FIELD);
        if (!Channel.class.isAssignableFrom(field.getType())) {
            throw new NoSuchFieldException(FIELD + " is a " + field.getType().getName() + ", not a Netty Channel");
        }
        field.setAccessible(true);
        return field;
    }
}
