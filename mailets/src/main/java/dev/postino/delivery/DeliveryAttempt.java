package dev.postino.delivery;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.net.ssl.SSLException;

import dev.postino.core.delivery.DeliveryOutcome;
import dev.postino.core.delivery.OutcomeClassifier;
import dev.postino.core.delivery.SmtpPhase;
import dev.postino.core.delivery.TransportFailure;
import dev.postino.core.route.DeliveryTarget;

/**
 * The bookkeeping of one {@code deliver()} call: which step the session is at, which recipients
 * the server took at RCPT, and the outcome each recipient settled on. Every outcome comes from
 * the {@link OutcomeClassifier}; this class only decides whom it concerns: a refusal of the
 * session or the transaction concerns every recipient still open, a RCPT reply only its own.
 */
final class DeliveryAttempt {
    private final DeliveryTarget target;
    private final OutcomeClassifier classifier;
    private final List<EnvelopeRecipient> recipients;
    private final Map<String, DeliveryOutcome> settled = new LinkedHashMap<>();
    private final List<EnvelopeRecipient> accepted = new ArrayList<>();
    private SmtpPhase phase = SmtpPhase.CONNECT;

    DeliveryAttempt(DeliveryTarget target, Envelope envelope, OutcomeClassifier classifier) {
        this.target = target;
        this.classifier = classifier;
        // One RCPT per address: the result is keyed by address, and a second RCPT adds nothing.
        Map<String, EnvelopeRecipient> distinct = new LinkedHashMap<>();
        for (EnvelopeRecipient recipient : envelope.recipients()) {
            distinct.putIfAbsent(recipient.address(), recipient);
        }
        this.recipients = List.copyOf(distinct.values());
    }

    DeliveryTarget target() {
        return target;
    }

    List<EnvelopeRecipient> recipients() {
        return recipients;
    }

    void enter(SmtpPhase next) {
        this.phase = next;
    }

    SmtpPhase phase() {
        return phase;
    }

    OutcomeClassifier classifier() {
        return classifier;
    }

    /**
     * Classifies the reply to the step {@code at}; when it is not the expected one, it becomes the
     * outcome of every recipient still open. Returns whether the session may go on.
     */
    boolean proceed(SmtpPhase at, WireReply reply) {
        enter(at);
        DeliveryOutcome outcome = classifier.classify(at, reply.reply());
        if (outcome.isDelivered()) {
            return true;
        }
        settleOpen(outcome);
        return false;
    }

    /** The server took this recipient at RCPT; its outcome waits for the end of data. */
    void accept(EnvelopeRecipient recipient) {
        accepted.add(recipient);
    }

    List<EnvelopeRecipient> accepted() {
        return List.copyOf(accepted);
    }

    void settle(EnvelopeRecipient recipient, DeliveryOutcome outcome) {
        settled.putIfAbsent(recipient.address(), outcome);
    }

    /** Gives every recipient without an outcome this one. */
    void settleOpen(DeliveryOutcome outcome) {
        for (EnvelopeRecipient recipient : recipients) {
            settle(recipient, outcome);
        }
    }

    /** A failure that left no reply, at the current step, for every recipient still open. */
    void failOpen(TransportFailure failure, String detail) {
        settleOpen(classifier.classify(phase, failure, detail));
    }

    /** What an exception at the current step means for every recipient still open. */
    void failOpen(Exception e) {
        String detail = detailOf(e);
        if (phase == SmtpPhase.END_OF_DATA) {
            // RFC 5321 §4.1.1.4 and RFC 1047: the final dot went out and no reply came back, so the
            // server may have taken the message. Retrying risks a duplicate; bouncing risks
            // telling the sender a delivered mail was lost. A duplicate is the lesser harm, so
            // this stays temporary (as every transport failure is).
            detail = "after the final dot, so the message may have been delivered; " + detail;
        }
        failOpen(failureOf(e), detail);
    }

    boolean anyOpen() {
        return settled.size() < recipients.size();
    }

    /** Every recipient's outcome, in envelope order, at this mail exchanger. */
    CourierResult result(boolean tls) {
        if (anyOpen()) {
            // Cannot happen if the session code is right; a missing outcome must not lose a recipient.
            failOpen(TransportFailure.UNKNOWN, "no outcome was recorded");
        }
        Map<String, DeliveryOutcome> outcomes = new LinkedHashMap<>();
        for (EnvelopeRecipient recipient : recipients) {
            outcomes.put(recipient.address(), settled.get(recipient.address()).withRemote(target.host(), target.ip()));
        }
        return new CourierResult(outcomes, tls);
    }

    /**
     * The engine's mapping of exceptions onto {@link TransportFailure}s. Anything unforeseen is
     * {@link TransportFailure#UNKNOWN}, which the classifier keeps temporary.
     */
    static TransportFailure failureOf(Exception e) {
        if (e instanceof MalformedReplyException) {
            return TransportFailure.PROTOCOL_ERROR;
        }
        if (e instanceof SocketTimeoutException) {
            return TransportFailure.TIMEOUT;
        }
        if (e instanceof SSLException) {
            // A connection reset under TLS surfaces as an SSLException around the socket's own one.
            Throwable cause = e.getCause();
            boolean plainIo = cause instanceof IOException && !(cause instanceof SSLException);
            return plainIo ? failureOf((IOException) cause) : TransportFailure.TLS_FAILED;
        }
        if (e instanceof ConnectException || e instanceof NoRouteToHostException) {
            return TransportFailure.CONNECTION_REFUSED;
        }
        if (e instanceof IOException) {
            return TransportFailure.CONNECTION_LOST;
        }
        return TransportFailure.UNKNOWN;
    }

    private static String detailOf(Exception e) {
        String message = e.getMessage();
        return message == null || message.isEmpty() ? e.getClass().getSimpleName() : SmtpWire.printable(message);
    }
}
