/**
 * The size limits in effect while the server runs: the {@code size.*} keys of
 * {@code postino.properties} with the limits set through webadmin on top
 * ({@link dev.postino.limits.EditableSizeLimits}, the {@code SizeLimitStore} the deciders ask), and
 * where the webadmin limits are kept ({@link dev.postino.limits.SizeLimitOverrides}, by default
 * {@code var/postino/size-limits.json}). Which limit applies is {@code dev.postino.core.size}'s.
 */
package dev.postino.limits;
