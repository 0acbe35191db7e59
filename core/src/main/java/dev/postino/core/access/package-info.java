/** Who may do what in an SMTP session (AUTH, relaying). Decisions only; no I/O. */
package dev.postino.core.access;
