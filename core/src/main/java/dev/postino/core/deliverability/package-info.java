/**
 * Deliverability decisions: what outgoing mail must look like (header hygiene, RFC 6409 §8), the
 * HELO name check, DKIM key naming, the DNS records a domain should publish, and the reading of
 * inbound sender authentication (SPF, DKIM, DMARC results, RFC 8601 {@code Authentication-Results}).
 *
 * <p>Pure: no I/O, no clock reads (callers pass {@code now}), no randomness (callers pass the
 * unique part of a Message-ID), no DNS. The shells in {@code dev.postino.dkim} and
 * {@code dev.postino.mailets} look things up and act on these values.
 */
package dev.postino.core.deliverability;
