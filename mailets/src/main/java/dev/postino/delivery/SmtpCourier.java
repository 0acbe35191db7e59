package dev.postino.delivery;

import dev.postino.core.route.DeliveryTarget;

/**
 * Talks SMTP to one mail exchanger address and returns every recipient's outcome. The one seam
 * between the engine and the network, like chasquid's courier: it never throws for a mail
 * failure (refused connection, timeout, 4yz, 5yz, TLS trouble are all outcomes, classified by
 * {@code OutcomeClassifier}); it may keep sessions open for the next mail to the same target.
 */
public interface SmtpCourier extends AutoCloseable {
    CourierResult deliver(DeliveryTarget target, int port, SessionSettings settings, Envelope envelope,
                          MessageSource message);

    /** Closes idle pooled sessions (QUIT). */
    @Override
    void close();
}
