/**
 * A small, bounded MIME reader of our own: RFC 5322 headers, RFC 2045/2046 multipart bodies and
 * transfer encodings, RFC 2047 encoded words and HTML reduced to text and links.
 *
 * <p>It exists because {@code core} may not depend on javax.mail. It reads only what the spam
 * check needs, caps what it examines so hostile input costs little, and never throws on malformed
 * mail: it does its best and says so ({@link dev.postino.core.spam.mime.MimeMessage#isTruncated()}).
 * No I/O: callers pass the message bytes in.
 */
package dev.postino.core.spam.mime;
