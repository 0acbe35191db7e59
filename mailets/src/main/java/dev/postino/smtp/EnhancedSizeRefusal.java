package dev.postino.smtp;

import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.LineHandler;
import org.apache.james.protocols.smtp.SMTPResponse;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.core.DataLineFilter;

import dev.postino.core.size.SizePolicy;

/**
 * Gives James's refusal of a message over {@code maxmessagesize} its enhanced status code. James
 * 3.8.1 answers the final dot of such a message with a bare {@code 552 Quota exceeded}, though it
 * advertises ENHANCEDSTATUSCODES (RFC 2034: then every reply carries one); the sender should read
 * {@code 552 5.3.4} (RFC 3463: message too big for system), as it does for {@code SIZE=} at MAIL.
 *
 * <p>At the end of DATA, a 552 without an enhanced code can only be that refusal: every other
 * refusal there comes from a hook and carries its code. Must be the first data line filter, that
 * is before {@code CoreCmdHandlerLoader} in the handlerchain. No init parameters.
 */
public class EnhancedSizeRefusal implements DataLineFilter {
    private static final String QUOTA_EXCEEDED = "552";

    @Override
    public Response onLine(SMTPSession session, byte[] line, LineHandler<SMTPSession> next) {
        Response response = next.onLine(session, line);
        if (response == null || !QUOTA_EXCEEDED.equals(response.getRetCode()) || hasEnhancedStatus(response)) {
            return response;
        }
        return new SMTPResponse(QUOTA_EXCEEDED, SizePolicy.TOO_BIG + " Message size exceeds fixed maximum message size");
    }

    private static boolean hasEnhancedStatus(Response response) {
        return !response.getLines().isEmpty()
            && response.getLines().get(0).toString().matches("552[ -][245]\\.\\d{1,3}\\.\\d{1,3}( .*)?");
    }
}
