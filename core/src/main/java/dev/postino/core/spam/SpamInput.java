package dev.postino.core.spam;

import dev.postino.core.spam.mime.MimeMessage;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What one spam check looks at: the message, the moment it arrived (the shell passes it; core
 * never reads a clock) and, when the shell knows them, the name the client gave in HELO/EHLO and
 * the sender authentication results measured on arrival ({@code spf}, {@code dkim}, {@code dmarc},
 * {@code p}: see {@link SenderAuthenticationRule}).
 */
public final class SpamInput {
    private final MimeMessage message;
    private final Instant now;
    private final String heloName;
    private final Map<String, String> senderAuthentication;

    private SpamInput(MimeMessage message, Instant now, String heloName, Map<String, String> senderAuthentication) {
        this.message = Objects.requireNonNull(message);
        this.now = Objects.requireNonNull(now);
        this.heloName = heloName;
        this.senderAuthentication = senderAuthentication;
    }

    public static SpamInput of(MimeMessage message, Instant now) {
        return new SpamInput(message, now, null, null);
    }

    public SpamInput withHeloName(String helo) {
        return new SpamInput(message, now, helo == null || helo.isBlank() ? null : helo.trim(), senderAuthentication);
    }

    /** Results keyed {@code spf}, {@code dkim}, {@code dmarc} (RFC 8601 result words) and {@code p} (DMARC policy). */
    public SpamInput withSenderAuthentication(Map<String, String> results) {
        if (!results.keySet().containsAll(java.util.Set.of("spf", "dkim", "dmarc", "p"))) {
            throw new IllegalArgumentException("sender authentication needs spf, dkim, dmarc and p, got " + results.keySet());
        }
        return new SpamInput(message, now, heloName, Map.copyOf(results));
    }

    public Optional<Map<String, String>> senderAuthentication() {
        return Optional.ofNullable(senderAuthentication);
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
