/**
 * Deliverability shells: our host identity (helo.name, checked at start-up), the per-domain DKIM
 * key store under James's working directory, DKIM signing over Apache jDKIM, inbound SPF (Apache
 * jSPF), DKIM and DMARC verification against DNS, and the Guice module that binds them. Decisions
 * (header hygiene, DMARC, Authentication-Results text, DNS record suggestions) live in
 * {@code dev.postino.core.deliverability}; this package only reads, looks up and writes.
 */
package dev.postino.deliverability;
