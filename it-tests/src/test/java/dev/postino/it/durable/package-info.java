/**
 * Durability stories: the server we ship (the launcher's JVM, started as a child process from
 * server/target) is stopped with SIGTERM or killed with SIGKILL and started again on the same
 * working directory; what a user or a remote MX sees afterwards is asserted.
 */
package dev.postino.it.durable;
