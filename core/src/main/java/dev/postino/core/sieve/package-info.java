/**
 * Sieve tests Postino adds to jsieve, as pure decisions: RFC 3685 {@code spamtest}'s value and the
 * RFC 4790 comparators with RFC 5228 match types and RFC 5231 relations it is compared with. No
 * jsieve, James or javax.mail types; no I/O.
 */
package dev.postino.core.sieve;
