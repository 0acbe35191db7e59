/** What happens to a mail as it enters the server, before any check looks at it. No I/O. */
package dev.postino.core.inbound;
