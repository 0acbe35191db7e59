/**
 * When to try a mail again, and when to stop: the retry schedule, the one typed
 * {@link dev.postino.core.retry.DeliveryHistory} a mail carries between attempts, and
 * {@link dev.postino.core.retry.RetryPolicy}, a function of (history, this attempt, now).
 *
 * <p>Owns: backoff and jitter, the delay warning's timing, the give-up rule (maximal queue
 * lifetime, optional attempt limit) and the history's text form. Must not: read the clock, draw
 * unseeded randomness, perform I/O, or know about James's {@code Mail}; the shell stores
 * {@link dev.postino.core.retry.DeliveryHistory#toText()} as one mail attribute and passes
 * {@link java.time.Instant}s and a {@link java.util.Random} in.
 */
package dev.postino.core.retry;
