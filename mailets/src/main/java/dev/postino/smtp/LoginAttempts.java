package dev.postino.smtp;

import org.apache.james.protocols.api.ProtocolSession;

/** Counts login attempts on one connection (SMTP {@code AUTH}, POP3 {@code PASS}/{@code APOP}). */
public final class LoginAttempts {
    /** Attempts allowed per connection; the next one closes it. */
    public static final int MAX = 3;
    private static final ProtocolSession.AttachmentKey<Integer> ATTEMPTS =
        ProtocolSession.AttachmentKey.of("postino.login.attempts", Integer.class);

    private LoginAttempts() {
    }

    /** Counts this attempt; true when it is one too many. */
    public static boolean tooMany(ProtocolSession session) {
        int attempts = session.getAttachment(ATTEMPTS, ProtocolSession.State.Connection).orElse(0) + 1;
        session.setAttachment(ATTEMPTS, attempts, ProtocolSession.State.Connection);
        return attempts > MAX;
    }
}
