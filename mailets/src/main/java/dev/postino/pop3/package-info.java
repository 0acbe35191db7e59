/**
 * POP3 handlers of the drop-in jar, named in a server's {@code pop3server.xml} handlerchain.
 * Thin shells: no state between sessions.
 */
package dev.postino.pop3;
