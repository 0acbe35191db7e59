package dev.postino.smtp;

import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.LineHandler;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.core.DataLineFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.postino.core.limits.Reservation;
import dev.postino.core.limits.SendingLimiter;

/**
 * Settles the message {@link RefuseOverSendingLimit} counted at the end of DATA once the server's
 * answer is known: kept when it is 250, handed back otherwise (a later check refused the message,
 * or it could not be queued), so only accepted mail uses a sender's quota. It must wrap the DATA
 * handler that gives that answer: list it before {@code CoreCmdHandlerLoader}. No init parameters.
 */
public class SettleSendingLimit implements DataLineFilter {
    private static final Logger LOGGER = LoggerFactory.getLogger(SettleSendingLimit.class);
    private static final String ACCEPTED = "250";

    private final SendingLimiter limiter;

    @Inject
    public SettleSendingLimit(SendingLimiter limiter) {
        this.limiter = limiter;
    }

    @Override
    public Response onLine(SMTPSession session, byte[] line, LineHandler<SMTPSession> next) {
        Response response;
        try {
            response = next.onLine(session, line);
        } catch (RuntimeException e) {
            settle(session, "error " + e);
            throw e;
        }
        if (response != null) {
            settle(session, response.getRetCode());
        }
        return response;
    }

    private void settle(SMTPSession session, String answer) {
        Optional<Reservation> reservation = session.removeAttachment(RefuseOverSendingLimit.RESERVATION,
            ProtocolSession.State.Connection);
        if (reservation.isPresent() && !ACCEPTED.equals(answer)) {
            limiter.release(reservation.get());
            LOGGER.debug("session={} message not accepted ({}): count handed back for {}", session.getSessionID(), answer,
                reservation.get());
        }
    }
}
