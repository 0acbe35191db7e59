/**
 * The spam check's pure scoring: a bounded MIME reader ({@code mime}), a tokenizer, a
 * Robinson–Fisher statistical classifier over a {@link dev.postino.core.spam.TokenStore}, a few
 * named rules, and {@link dev.postino.core.spam.SpamScorer}, which sums them into a
 * {@link dev.postino.core.spam.SpamVerdict}.
 *
 * <p>This package detects; it does not act. Whether a verdict tags, files into Junk or refuses
 * at SMTP is configuration in the shells. No I/O except through the streams and the
 * {@code TokenStore} callers pass in, no clock reads (the caller passes {@code now}), no
 * randomness. Incoming {@code X-Spam-*} headers are never evidence: see {@link ForgedHeaders}.
 */
package dev.postino.core.spam;
