/**
 * Delivery Status Notifications: whether one is owed ({@link dev.postino.core.dsn.NotifyPolicy},
 * RFC 3461 NOTIFY, no backscatter) and its complete text ({@link dev.postino.core.dsn.DsnComposer},
 * an RFC 3464 {@code multipart/report} inside an RFC 5322 message).
 *
 * <p>Owns: the DSN's headers, human explanation, machine-readable fields and the returned original.
 * Must not: send anything, read the clock or generate identifiers — the shell passes the date,
 * Message-ID and MIME boundary, so the same request always gives the same bytes.
 */
package dev.postino.core.dsn;
