/**
 * The launcher of the James server we ship: lays out a working directory (conf/, the drop-in
 * jar in extensions-jars/, var/) the way an administrator installs Postino into James, then
 * starts a Guice-assembled James 3.8.1 in the foreground — durable by default
 * ({@link dev.postino.server.durable}), James's memory server with {@code --storage memory}.
 */
package dev.postino.server;
