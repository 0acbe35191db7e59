package dev.postino.core.inbound;

import java.util.Locale;

/**
 * Which headers a sender must not be able to set. Our spam check speaks through {@code X-Spam-*}
 * headers, and users' Sieve scripts and mail clients trust them; a sender who writes
 * {@code X-Spam-Status: No} into their own mail must not be believed, so every such header is
 * removed on entry, before any check runs and whatever the port.
 */
public final class ForgedHeaderPolicy {
    private static final String SPAM_PREFIX = "x-spam-";

    private ForgedHeaderPolicy() {
    }

    /** True for headers we remove on entry: every {@code X-Spam-*}, in any letter case. */
    public static boolean mustStrip(String headerName) {
        return headerName != null
            && headerName.trim().toLowerCase(Locale.ROOT).startsWith(SPAM_PREFIX);
    }
}
