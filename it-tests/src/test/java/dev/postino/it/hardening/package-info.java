/**
 * Issue 8, against the real server: never an open relay ({@code OpenRelayMatrixTest}), precise
 * answers to hostile input ({@code HostileInputTest}), and RFC 5321 §6.1 under delivery faults
 * ({@code DeliveryFaultMatrixTest}, {@code DeliverySoakTest}); slow clients
 * ({@code SlowClientTest}) and 8-bit headers on both paths ({@code EightBitHeadersTest}); connection
 * limits on every listener ({@code ConnectionFloodTest}), IMAP literals before LOGIN
 * ({@code ImapLiteralFloodTest}), STARTTLS on port 25 and commands pipelined after STARTTLS
 * ({@code InboundTlsTest}), three login attempts per SMTP or POP3 connection
 * ({@code AuthAttemptLimitTest}).
 *
 * <h2>What the server answers (James 3.8.1 with our conf)</h2>
 * <ul>
 *   <li>Every relay form is refused at RCPT on port 25 from 127.0.0.1 — so localhost is not a
 *       trusted network (no {@code authorizedAddresses}); see the table in
 *       {@code OpenRelayMatrixTest}.</li>
 *   <li>Bare LF anywhere in DATA: {@code 500 5.0.0 line delimiter must be CRLF}, connection
 *       closed, nothing stored. Bare CR is content; no smuggled second message.</li>
 *   <li>More than 1000 RCPTs: {@code 452 4.5.3} (MaxRcptHandler). A silent client is closed by
 *       {@code connectiontimeout} (an idle timeout); {@code connectionLimitPerIP} (20 on port 25)
 *       bounds what one address can hold; every listener has a total and a per-address limit
 *       ({@code ConnectionFloodTest}).</li>
 *   <li>A client that trickles bytes (one per 200 ms in the tests): {@code EnforceSmtpTimeouts}
 *       bounds a command line ({@code commandTimeout}, 5m), the DATA phase ({@code dataTimeout},
 *       30m) and the session ({@code sessionTimeout}, 1h), then {@code 421 4.4.2} and closes;
 *       a message cut that way is not stored.</li>
 *   <li>A line over 8192 octets in DATA: {@code RefuseLongLines} refuses the whole message with
 *       one reply at its dot, {@code 554 5.6.0}; nothing stored, the session goes on. (James
 *       alone answered {@code 500} at once, stayed in DATA and stored the rest with a second
 *       reply, {@code 250}.)</li>
 *   <li>More than 1000 header fields or 1 MiB of header: {@code RefuseLargeHeaders} refuses the
 *       message at its dot, {@code 552 5.3.4}; nothing stored, the session goes on. (Taken, each
 *       mailet editing headers walked every field once per name: seconds to minutes a mail.)</li>
 *   <li>8-bit header octets without SMTPUTF8: {@code EncodeEightBitHeaders} re-encodes them as
 *       RFC 2047 encoded-words (UTF-8, else windows-1252) before the mail is queued, so IMAP
 *       clients and relay peers read what the sender wrote. (James alone wrote them as {@code ?}:
 *       its memory queue copies every mail through a US-ASCII header writer.)</li>
 * </ul>
 *
 * <h2>Duplicates</h2>
 * The one window: the MX took the message but its final reply came after our
 * {@code dataEndTimeout} (10 minutes by default, RFC 5321 §4.5.3.2.6); we retry, it gets a
 * second copy ({@code DeliveryFaultMatrixTest}). A close without a final reply is not a
 * delivery: the peer discarded the message, our retry is the only copy.
 *
 * <h2>Soak at full size</h2>
 * <pre>
 * mvn -B -pl it-tests -am verify -Dtest=DeliverySoakTest -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dpostino.soak.mails=10000 -Dpostino.soak.destinations=20 -Dpostino.soak.minutes=30
 * </pre>
 */
package dev.postino.it.hardening;
