/**
 * jsieve shells for Postino's Sieve extensions: RFC 3685 {@code spamtest} reads the spam verdict
 * our check left on the mail and hands the comparison to {@code dev.postino.core.sieve}. The
 * {@link dev.postino.sieve.SpamtestTestManager} exists because jsieve loads test classes with its
 * own class loader, which cannot see the drop-in jar.
 */
package dev.postino.sieve;
