/**
 * Postino's matchers: predicates over a {@code Mail}, usable in any {@code mailetcontainer.xml}
 * by full class name. Each reads the mail into a {@code dev.postino.core} input and asks one
 * decision; none changes the mail.
 */
package dev.postino.matchers;
