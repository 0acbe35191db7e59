/**
 * The James side of sending limits ({@code dev.postino.core.limits} decides): the
 * {@code sending.limit.*} keys and the webadmin overrides file together
 * ({@link dev.postino.sending.SendingLimitSettings}), the overrides' JSON and atomic file
 * ({@link dev.postino.sending.LimitJson}, {@link dev.postino.sending.SendingLimitOverrides}), and
 * the Guice module that shares one {@code SendingLimiter} between the SMTP hooks and the webadmin
 * routes. The only I/O is the overrides file.
 */
package dev.postino.sending;
