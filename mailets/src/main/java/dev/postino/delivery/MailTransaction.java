package dev.postino.delivery;

import java.io.IOException;
import java.util.Optional;

import dev.postino.core.delivery.DeliveryOutcome;
import dev.postino.core.delivery.RemoteSizeCheck;
import dev.postino.core.delivery.SmtpPhase;
import dev.postino.core.delivery.TransportFailure;

/**
 * One mail transaction on a ready session (RFC 5321 §3.3): the SIZE pre-check, MAIL, one RCPT
 * per recipient, DATA and the message. Commands go one at a time; PIPELINING would save round
 * trips, but sequential replies keep every outcome tied to its own command.
 *
 * <p>Leaves the session usable unless the server closed it (421) or the message was cut off
 * inside DATA; an exception leaves it to the caller, which must close it.
 */
final class MailTransaction {
    private final SmtpSession session;
    private final DeliveryAttempt attempt;
    private final Envelope envelope;
    private final SessionSettings.Timeouts timeouts;

    MailTransaction(SmtpSession session, DeliveryAttempt attempt, Envelope envelope, SessionSettings settings) {
        this.session = session;
        this.attempt = attempt;
        this.envelope = envelope;
        this.timeouts = settings.timeouts();
    }

    void run(MessageSource message) throws IOException {
        EhloCapabilities capabilities = session.capabilities();
        if (capabilities.size() && envelope.size() >= 0) {
            // RFC 1870 §5: do not send a message the server said it cannot take; nothing is sent,
            // so the session stays fit for the next mail.
            Optional<DeliveryOutcome> tooBig = RemoteSizeCheck.check(envelope.size(), capabilities.sizeLimit());
            if (tooBig.isPresent()) {
                attempt.settleOpen(tooBig.get());
                return;
            }
        }
        attempt.enter(SmtpPhase.MAIL);
        if (!attempt.proceed(SmtpPhase.MAIL, session.command(mailCommand(capabilities), timeouts.command))) {
            return;
        }
        if (!recipients(capabilities)) {
            return;
        }
        if (attempt.accepted().isEmpty()) {
            // RFC 5321 §4.1.1.5: end the transaction the server still holds open.
            if (session.command("RSET", timeouts.command).code() / 100 != 2) {
                session.unusable();
            }
            return;
        }
        attempt.enter(SmtpPhase.DATA);
        if (!attempt.proceed(SmtpPhase.DATA, session.command("DATA", timeouts.command, timeouts.dataInit))) {
            return;
        }
        if (!sendContent(message)) {
            return;
        }
        attempt.enter(SmtpPhase.END_OF_DATA);
        WireReply last = session.read(timeouts.dataEnd);
        // One reply for the message, so one outcome for every recipient taken at RCPT; the refused
        // ones keep their RCPT outcome.
        DeliveryOutcome outcome = attempt.classifier().classify(SmtpPhase.END_OF_DATA, last.reply());
        // RFC 3461 §5.2.2: a server that advertised DSN was handed NOTIFY and ORCPT (rcptCommand) and
        // reports success itself; one that did not gets a "relayed" notice from us.
        attempt.settleOpen(capabilities.dsn() ? outcome.withDsnPassedOn() : outcome);
    }

    /** RCPT for each recipient; false when the server closed the session on the way. */
    private boolean recipients(EhloCapabilities capabilities) throws IOException {
        attempt.enter(SmtpPhase.RCPT);
        for (EnvelopeRecipient recipient : attempt.recipients()) {
            WireReply reply = session.command(rcptCommand(recipient, capabilities), timeouts.command);
            DeliveryOutcome outcome = attempt.classifier().classify(SmtpPhase.RCPT, reply.reply());
            if (reply.closesSession()) {
                // 421: the server is going away; the recipients it took are not delivered either.
                attempt.settleOpen(outcome);
                return false;
            }
            if (outcome.isDelivered()) {
                attempt.accept(recipient);
            } else {
                attempt.settle(recipient, outcome);
            }
        }
        return true;
    }

    /**
     * Streams the message, dot-stuffed, and the terminating dot. False when the message source
     * failed: the session then ends without the dot, so the server discards the partial message.
     */
    private boolean sendContent(MessageSource message) throws IOException {
        DotStuffingOutputStream content = new DotStuffingOutputStream(session.wire().dataStream(timeouts.dataBlock));
        try {
            message.writeTo(content);
        } catch (IOException e) {
            if (content.connectionFailed()) {
                throw e;
            }
            session.unusable();
            attempt.failOpen(TransportFailure.UNKNOWN, "could not read the message: " + e.getMessage());
            return false;
        }
        content.finish();
        return true;
    }

    private String mailCommand(EhloCapabilities capabilities) {
        StringBuilder command = new StringBuilder("MAIL FROM:<").append(envelope.sender()).append('>');
        if (capabilities.size() && envelope.size() >= 0) {
            command.append(" SIZE=").append(envelope.size()); // RFC 1870 §6
        }
        // RFC 6152 §3. Without 8BITMIME the bytes go as they are, as Postfix sends them by default.
        if (envelope.eightBit() && capabilities.eightBitMime()) {
            command.append(" BODY=8BITMIME");
        }
        if (capabilities.dsn()) { // RFC 3461 §4.3, §4.4; values already xtext-encoded
            envelope.ret().ifPresent(ret -> command.append(" RET=").append(ret));
            envelope.envelopeId().ifPresent(id -> command.append(" ENVID=").append(id));
        }
        return command.toString();
    }

    private static String rcptCommand(EnvelopeRecipient recipient, EhloCapabilities capabilities) {
        StringBuilder command = new StringBuilder("RCPT TO:<").append(recipient.address()).append('>');
        if (capabilities.dsn()) { // RFC 3461 §4.1, §4.2
            recipient.notifyParameter().ifPresent(notify -> command.append(" NOTIFY=").append(notify));
            recipient.orcpt().ifPresent(orcpt -> command.append(" ORCPT=").append(orcpt));
        }
        return command.toString();
    }
}
