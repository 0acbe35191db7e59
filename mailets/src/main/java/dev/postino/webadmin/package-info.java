/**
 * Postino's webadmin routes (James {@code Routes}, listed in {@code webadmin.properties}
 * {@code extensions.routes}): thin HTTP shells that validate input, call a store or a core
 * decision, and answer with James's error JSON on bad input.
 */
package dev.postino.webadmin;
