/**
 * Postino's mailets: thin James shells over {@code dev.postino.core}. Each reads the {@code Mail}
 * into a core value, calls one decision, writes the result back and logs one line. Business rules
 * live in core, never here.
 */
package dev.postino.mailets;
