/**
 * What one SMTP delivery attempt came to, decided without touching the network: the outbound
 * engine reports each reply or transport failure with the {@link dev.postino.core.delivery.SmtpPhase}
 * it happened in, and {@link dev.postino.core.delivery.OutcomeClassifier}, the one place the error
 * policy lives, turns it into a {@link dev.postino.core.delivery.DeliveryOutcome} that keeps the
 * remote's words for the DSN. No I/O, no clock.
 */
package dev.postino.core.delivery;
