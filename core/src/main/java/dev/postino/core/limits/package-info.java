/**
 * Sending limits of authenticated senders, decided without James: messages per hour and per
 * day, recipients per message, per hour and per day, over sliding windows.
 *
 * <ul>
 *   <li>{@link dev.postino.core.limits.LimitTable} holds limits by scope (defaults, domain, user);
 *       {@link dev.postino.core.limits.SendingLimitsConfig} reads one from {@code sending.limit.*}
 *       keys; {@link dev.postino.core.limits.LimitResolver} picks each limit from the most
 *       specific scope (user override, user config, domain override, domain config, default,
 *       built-in).</li>
 *   <li>{@link dev.postino.core.limits.SendLog} is one sender's recent sends and does the window
 *       arithmetic; {@link dev.postino.core.limits.SendingLimitPolicy} turns it into SMTP answers
 *       (451 4.7.1 at MAIL, 452 4.5.3 at RCPT).</li>
 *   <li>{@link dev.postino.core.limits.SendingLimiter} applies the policy over a
 *       {@link dev.postino.core.limits.SendCounterStore} (compare-and-set, so a store shared by
 *       several James nodes fits) and counts a message only once it is accepted.</li>
 * </ul>
 *
 * No I/O, no James; time comes from a {@link java.time.Clock} passed in.
 */
package dev.postino.core.limits;
