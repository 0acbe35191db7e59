/**
 * Postino's webadmin routes, under {@code /postino/}, listed in {@code webadmin.properties}
 * ({@code extensions.routes}), and the James tasks they start. Thin: they parse and validate the
 * request (400 naming the field, 404 for what does not exist), call one service bound by an
 * extension module, and render JSON.
 */
package dev.postino.webadmin;
