/**
 * DNS blocklists for the spam score, pure: the client address against DNSBL zones and link hosts
 * against URI blocklists, configured in Postfix {@code postscreen_dnsbl_sites} syntax
 * ({@code zen.example.org=127.0.0.[2..11]*3}). {@link dev.postino.core.spam.dnsbl.DnsblChecks}
 * says which names to look up; the shell looks them up (bounded in time) and hands the answers
 * back in the {@link dev.postino.core.spam.SpamInput}; the rules turn listings into points.
 *
 * <p>No DNS, no I/O, no clock here.
 */
package dev.postino.core.spam.dnsbl;
