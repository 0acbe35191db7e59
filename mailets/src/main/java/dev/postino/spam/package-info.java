/**
 * The James side of the spam check: the token store on disk shared by every shell of one server
 * ({@link dev.postino.spam.SpamTokenStores}), reading a James message into the core's input,
 * writing the verdict back as headers, training from {@code .eml} folders, and the SMTP hook that
 * refuses spam at the end of DATA. Scoring itself is {@code dev.postino.core.spam}; what to do
 * with a verdict is configuration (mailetcontainer.xml, smtpserver.xml).
 */
package dev.postino.spam;
