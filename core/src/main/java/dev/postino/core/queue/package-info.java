/**
 * What the administrator sees of, and does to, the outgoing queue: mails grouped by recipient
 * domain ({@link dev.postino.core.queue.QueueShape}, like Postfix's {@code qshape}), and the
 * history rewrites behind "retry now" and "give up now"
 * ({@link dev.postino.core.queue.QueueOverride}).
 *
 * <p>Owns: the domain syntax accepted in a request, the grouping, the 5.0.0 "removed by the
 * postmaster" result. Must not: read the clock, perform I/O, or know about James's {@code Mail}
 * or queues; the shell browses the queue, builds {@link dev.postino.core.queue.QueuedMail}s and
 * applies what comes back.
 */
package dev.postino.core.queue;
