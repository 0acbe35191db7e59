package dev.postino.core.spam;

import java.util.Locale;

/**
 * Headers that claim a spam verdict. Anyone upstream can write them (the sender, or another
 * site's filter), so the check never reads them and the mailet that runs it strips them before
 * adding its own.
 */
public final class ForgedHeaders {
    private ForgedHeaders() {
    }

    /** True for {@code X-Spam} and every {@code X-Spam-*} field name, in any case. */
    public static boolean isSpamHeader(String name) {
        if (name == null) {
            return false;
        }
        String lower = name.trim().toLowerCase(Locale.ROOT);
        return lower.equals("x-spam") || lower.startsWith("x-spam-");
    }
}
