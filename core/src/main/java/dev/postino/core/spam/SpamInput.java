package dev.postino.core.spam;

import dev.postino.core.spam.dnsbl.DnsAnswers;
import dev.postino.core.spam.mime.MimeMessage;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What one spam check looks at: the message, the moment it arrived (the shell passes it; core
 * never reads a clock) and, when the shell knows them, the name the client gave in HELO/EHLO,
 * the sender authentication results measured on arrival ({@code spf}, {@code dkim}, {@code dmarc},
 * {@code p}: see {@link SenderAuthenticationRule}), the client's address and what the DNS
 * blocklists answered (the shell looks them up; core does no DNS).
 */
public final class SpamInput {
    private final MimeMessage message;
    private final Instant now;
    private final String heloName;
    private final Map<String, String> senderAuthentication;
    private final String clientAddress;
    private final DnsAnswers dnsAnswers;

    private SpamInput(MimeMessage message, Instant now, String heloName, Map<String, String> senderAuthentication,
                      String clientAddress, DnsAnswers dnsAnswers) {
        this.message = Objects.requireNonNull(message);
        this.now = Objects.requireNonNull(now);
        this.heloName = heloName;
        this.senderAuthentication = senderAuthentication;
        this.clientAddress = clientAddress;
        this.dnsAnswers = Objects.requireNonNull(dnsAnswers);
    }

    public static SpamInput of(MimeMessage message, Instant now) {
        return new SpamInput(message, now, null, null, null, DnsAnswers.none());
    }

    public SpamInput withHeloName(String helo) {
        return new SpamInput(message, now, helo == null || helo.isBlank() ? null : helo.trim(), senderAuthentication,
            clientAddress, dnsAnswers);
    }

    /** Results keyed {@code spf}, {@code dkim}, {@code dmarc} (RFC 8601 result words) and {@code p} (DMARC policy). */
    public SpamInput withSenderAuthentication(Map<String, String> results) {
        if (!results.keySet().containsAll(java.util.Set.of("spf", "dkim", "dmarc", "p"))) {
            throw new IllegalArgumentException("sender authentication needs spf, dkim, dmarc and p, got " + results.keySet());
        }
        return new SpamInput(message, now, heloName, Map.copyOf(results), clientAddress, dnsAnswers);
    }

    public Optional<Map<String, String>> senderAuthentication() {
        return Optional.ofNullable(senderAuthentication);
    }

    /** The SMTP client's IP address, as a literal; the DNSBL check asks about it. */
    public SpamInput withClientAddress(String address) {
        return new SpamInput(message, now, heloName, senderAuthentication,
            address == null || address.isBlank() ? null : address.trim(), dnsAnswers);
    }

    public SpamInput withDnsAnswers(DnsAnswers answers) {
        return new SpamInput(message, now, heloName, senderAuthentication, clientAddress, answers);
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

    /** Empty when the shell does not know it or chose not to check it (an authenticated sender). */
    public Optional<String> clientAddress() {
        return Optional.ofNullable(clientAddress);
    }

    public DnsAnswers dnsAnswers() {
        return dnsAnswers;
    }
}
