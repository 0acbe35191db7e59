package dev.postino.core.spam;

import dev.postino.core.spam.mime.MimeMessage;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What one spam check looks at: the message, the moment it arrived (the shell passes it; core
 * never reads a clock) and, when the shell knows it, the name the client gave in HELO/EHLO.
 */
public final class SpamInput {
    private final MimeMessage message;
    private final Instant now;
    private final String heloName;

    private SpamInput(MimeMessage message, Instant now, String heloName) {
        this.message = Objects.requireNonNull(message);
        this.now = Objects.requireNonNull(now);
        this.heloName = heloName;
    }

    public static SpamInput of(MimeMessage message, Instant now) {
        return new SpamInput(message, now, null);
    }

    public SpamInput withHeloName(String helo) {
        return new SpamInput(message, now, helo == null || helo.isBlank() ? null : helo.trim());
    }

    public MimeMessage message() {
        return message;
    }

    public Instant now() {
        return now;
    }

    public Optional<String> heloName() {
        return Optional.ofNullable(heloName);
    }
}
