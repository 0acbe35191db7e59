/**
 * SMTP vocabulary shared by every decision: replies as the remote server said them and RFC 3463
 * enhanced status codes. Values only; no I/O.
 */
package dev.postino.core.smtp;
