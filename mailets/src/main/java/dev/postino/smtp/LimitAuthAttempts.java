package dev.postino.smtp;

import java.util.List;

import org.apache.james.protocols.api.Request;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.CommandHandler;
import org.apache.james.protocols.smtp.SMTPResponse;
import org.apache.james.protocols.smtp.SMTPSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At most {@value LoginAttempts#MAX} {@code AUTH} attempts per connection: the next one is answered
 * {@code 421 4.7.0} and the connection closed, so a password guesser has to reconnect (and meets
 * the per-address connection limit) instead of trying 400 passwords a second on one session.
 * James 3.8.1 answers every failed SMTP AUTH with 535 and keeps the connection (its IMAP server
 * closes after 3 failures; Postfix counts AUTH failures as errors and disconnects). A client that
 * authenticated is left to James (which refuses a second AUTH). Must come before
 * {@code CoreCmdHandlerLoader}; no init parameters:
 *
 * <pre>{@code
 * <handler class="dev.postino.smtp.LimitAuthAttempts"/>
 * }</pre>
 */
public class LimitAuthAttempts implements CommandHandler<SMTPSession> {
    private static final Logger LOGGER = LoggerFactory.getLogger(LimitAuthAttempts.class);

    @Override
    public Response onCommand(SMTPSession session, Request request) {
        if (session.getUsername() != null) {
            return null;
        }
        if (!LoginAttempts.tooMany(session)) {
            return null;
        }
        LOGGER.warn("session={} remote={} closed: an AUTH attempt after {} failed", session.getSessionID(),
            session.getRemoteAddress(), LoginAttempts.MAX);
        SMTPResponse closing = new SMTPResponse("421", "4.7.0 Too many failed authentication attempts; closing connection");
        closing.setEndSession(true);
        return closing;
    }

    @Override
    public List<String> getImplCommands() {
        return List.of("AUTH");
    }
}
