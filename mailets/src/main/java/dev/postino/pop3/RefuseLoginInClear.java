package dev.postino.pop3;

import java.util.List;

import org.apache.james.protocols.api.Request;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.CommandHandler;
import org.apache.james.protocols.pop3.POP3Response;
import org.apache.james.protocols.pop3.POP3Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refuses {@code USER} and {@code PASS} on a POP3 connection that is not encrypted, so a password
 * never crosses the network in clear (RFC 2595 §2.3: a server may refuse cleartext logins until
 * STLS). James 3.8.1 offers STLS on port 110 but still takes {@code USER}/{@code PASS} before it,
 * and has no setting to refuse them (its IMAP server has {@code plainAuthDisallowed}). After STLS,
 * and on the implicit-TLS port, it returns nothing and James's own handlers run. Must come before
 * {@code CoreCmdHandlerLoader}; no init parameters:
 *
 * <pre>{@code
 * <handlerchain>
 *     <handler class="dev.postino.pop3.RefuseLoginInClear"/>
 *     <handler class="org.apache.james.pop3server.core.CoreCmdHandlerLoader"/>
 * </handlerchain>
 * }</pre>
 */
public class RefuseLoginInClear implements CommandHandler<POP3Session> {
    private static final Logger LOGGER = LoggerFactory.getLogger(RefuseLoginInClear.class);
    static final String REFUSAL = "Encryption required: issue STLS first";

    @Override
    public Response onCommand(POP3Session session, Request request) {
        if (session.isTLSStarted()) {
            return null;
        }
        LOGGER.info("session={} remote={} refused {} before STLS", session.getSessionID(), session.getRemoteAddress(),
            request.getCommand());
        return new POP3Response(POP3Response.ERR_RESPONSE, REFUSAL);
    }

    @Override
    public List<String> getImplCommands() {
        return List.of("USER", "PASS");
    }
}
