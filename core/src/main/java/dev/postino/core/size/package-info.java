/**
 * Message size limits, decided without James: {@link dev.postino.core.size.SizeText} reads
 * {@code 10M} and writes {@code 10.5 MB}; {@link dev.postino.core.size.SizeLimits} holds the
 * global, per-domain and per-user limits and resolves the one that applies (user over domain over
 * global); {@link dev.postino.core.size.SizeLimitsConfig} reads them from {@code size.*} keys;
 * {@link dev.postino.core.size.SizePolicy} turns them into SMTP answers (RFC 1870: 552 5.3.4) and
 * into what happens to a mail found too big after it was accepted.
 *
 * <p>Limits are read through {@link dev.postino.core.size.SizeLimitStore}, so a store that can be
 * edited at runtime can replace the configuration file later. No I/O, no James, no clock.
 */
package dev.postino.core.size;
