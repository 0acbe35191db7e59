/**
 * Postino's James matchers: predicates over a {@code Mail} and the attributes our mailets set.
 * Thin: they read attributes and decide nothing that {@code dev.postino.core} does not.
 */
package dev.postino.matchers;
