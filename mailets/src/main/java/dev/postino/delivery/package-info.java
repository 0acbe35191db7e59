/**
 * Postino's outbound delivery engine: resolves where a mail goes ({@code MxResolver}), talks SMTP
 * to the remote servers ({@code SmtpCourier}), and records every recipient's outcome for the retry
 * and bounce stage. Decisions (routes, MX order, classification, retry) are made in
 * {@code dev.postino.core}; this package does the I/O.
 *
 * <p>{@code SocketSmtpCourier} is the SMTP client, on JDK sockets and TLS alone (no JavaMail): it
 * reports what happened through {@code OutcomeClassifier} and must not decide policy of its own.
 */
package dev.postino.delivery;
