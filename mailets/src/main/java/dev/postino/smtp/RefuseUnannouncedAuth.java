package dev.postino.smtp;

import java.util.List;
import java.util.Optional;

import org.apache.james.protocols.api.Request;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.CommandHandler;
import org.apache.james.protocols.smtp.SMTPResponse;
import org.apache.james.protocols.smtp.SMTPSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.postino.core.access.AuthPolicy;
import dev.postino.core.smtp.SmtpReply;

/**
 * Answers {@code AUTH} with a refusal when the server did not offer AUTH to this session (see
 * {@link AuthPolicy}): no password in clear before STARTTLS. When AUTH was offered it returns
 * nothing and James's own AUTH handler runs. Must come before {@code CoreCmdHandlerLoader}:
 *
 * <pre>{@code
 * <handlerchain>
 *     <handler class="dev.postino.smtp.RefuseUnannouncedAuth"/>
 *     <handler class="org.apache.james.smtpserver.CoreCmdHandlerLoader"/>
 * </handlerchain>
 * }</pre>
 */
public class RefuseUnannouncedAuth implements CommandHandler<SMTPSession> {
    private static final Logger LOGGER = LoggerFactory.getLogger(RefuseUnannouncedAuth.class);

    @Override
    public Response onCommand(SMTPSession session, Request request) {
        Optional<SmtpReply> refusal = AuthPolicy.refusal(session.isTLSStarted(), session.isAuthAnnounced());
        if (refusal.isEmpty()) {
            return null;
        }
        SmtpReply reply = refusal.get();
        LOGGER.info("session={} remote={} refused AUTH: {}", session.getSessionID(),
            session.getRemoteAddress(), reply);
        String text = reply.enhancedStatus().map(status -> status + " ").orElse("") + reply.text();
        return new SMTPResponse(String.valueOf(reply.code()), text);
    }

    @Override
    public List<String> getImplCommands() {
        return List.of("AUTH");
    }
}
