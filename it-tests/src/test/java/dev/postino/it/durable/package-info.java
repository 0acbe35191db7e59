/**
 * Durability stories: the server we ship (the launcher's JVM, started as a child process from
 * server/target) is stopped with SIGTERM or killed with SIGKILL and started again on the same
 * working directory; what a user or a remote MX sees afterwards is asserted.
 *
 * <p>The one duplicate window a kill opens: a queue entry (spool, postino-outgoing) is acknowledged
 * only after its next step committed (the mailbox append, the enqueue on postino-outgoing, the DSN
 * on the spool), so a kill in between makes the restarted server do that step again. At most one
 * mail per spool thread and one per delivery thread is in that window at once; the crash tests
 * count duplicates, print them, and assert zero losses.
 */
package dev.postino.it.durable;
