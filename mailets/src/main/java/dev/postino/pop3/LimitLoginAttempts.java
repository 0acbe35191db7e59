package dev.postino.pop3;

import java.util.List;

import org.apache.james.protocols.api.Request;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.CommandHandler;
import org.apache.james.protocols.pop3.POP3Response;
import org.apache.james.protocols.pop3.POP3Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.postino.smtp.LoginAttempts;

/**
 * At most {@value dev.postino.smtp.LoginAttempts#MAX} login attempts ({@code PASS}, {@code APOP}) per POP3
 * connection:
 * the next one is answered {@code -ERR} and the connection closed, so a password guesser has to
 * reconnect (and meets the per-address connection limit). James 3.8.1 keeps a POP3 connection open
 * after any number of failed logins (its IMAP server closes after 3). A client that logged in is
 * left to James. Must come before {@code CoreCmdHandlerLoader}; no init parameters.
 */
public class LimitLoginAttempts implements CommandHandler<POP3Session> {
    private static final Logger LOGGER = LoggerFactory.getLogger(LimitLoginAttempts.class);

    @Override
    public Response onCommand(POP3Session session, Request request) {
        if (session.getHandlerState() == POP3Session.TRANSACTION) {
            return null;
        }
        if (!LoginAttempts.tooMany(session)) {
            return null;
        }
        LOGGER.warn("session={} remote={} closed: a login attempt after {} failed", session.getSessionID(),
            session.getRemoteAddress(), LoginAttempts.MAX);
        POP3Response closing = new POP3Response(POP3Response.ERR_RESPONSE, "Too many failed logins; closing connection");
        closing.setEndSession(true);
        return closing;
    }

    @Override
    public List<String> getImplCommands() {
        return List.of("PASS", "APOP");
    }
}
