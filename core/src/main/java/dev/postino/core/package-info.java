/**
 * Postino's pure policy: routing decisions, retry schedules, outcome classification, DSN text,
 * spam scoring and size limits.
 *
 * <p>Nothing in this module performs I/O, reads the clock (callers pass a {@link java.time.Clock}
 * or an {@link java.time.Instant}) or draws hidden randomness (callers pass a seeded
 * {@link java.util.Random}). It depends on no James, javax.mail or Guice class: the thin shells in
 * {@code matchers} and {@code mailets} turn James's objects into these values and back.
 *
 * <p>It compiles to Java 11 bytecode because it ships inside the drop-in jar: no records, no
 * sealed types, no switch expressions.
 */
package dev.postino.core;
