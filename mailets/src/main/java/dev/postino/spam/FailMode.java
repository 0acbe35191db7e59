package dev.postino.spam;

/**
 * What a shell does when the spam check itself fails (rspamd's {@code io_error_action}, maddy's
 * {@code FailAction}). Neither loses mail: {@code OPEN} lets it through unscored, {@code CLOSED}
 * holds it (the SMTP hook answers 451 so the sender retries; the mailet parks it in a processor).
 */
public enum FailMode {
    OPEN,
    CLOSED
}
