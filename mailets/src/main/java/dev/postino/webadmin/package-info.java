/**
 * Postino's webadmin routes ({@code extensions.routes} in {@code webadmin.properties}):
 * {@code /postino/routes}, {@code /postino/limits}, {@code /postino/spam}, and the task extension
 * that shows a training task's counts. Routes only read requests, call the stores and the spam
 * learning, and answer with James's JSON and error conventions (400 naming the field, 404, 413).
 */
package dev.postino.webadmin;
