/**
 * Scripted DNS for the integration tests: a {@link dev.postino.testing.dns.DnsZone} that each test
 * fills with exactly the MX, A, AAAA, TXT and PTR answers (and the NXDOMAIN, NODATA and SERVFAIL
 * failures) its story needs, served two ways from the same zone:
 * <ul>
 *   <li>{@link dev.postino.testing.dns.ScriptedDnsServer}: a real DNS server on 127.0.0.1 and a random
 *       port, UDP and TCP, for code that speaks DNS itself (dnsjava resolvers);</li>
 *   <li>{@link dev.postino.testing.dns.ScriptedDnsService}: James's {@code DNSService}, in process, for
 *       the server's Guice binding.</li>
 * </ul>
 *
 * <p>Nothing here may touch the Internet or the host's resolver: names outside the zone are
 * NXDOMAIN, and addresses are only ever parsed from literals, never looked up.
 */
package dev.postino.testing.dns;
