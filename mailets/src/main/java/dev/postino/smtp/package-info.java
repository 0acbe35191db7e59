/**
 * SMTP handlers and hooks of the drop-in jar, named in a server's {@code smtpserver.xml}
 * handlerchain. Thin shells over {@code dev.postino.core}.
 */
package dev.postino.smtp;
