package dev.postino.core.access;

import java.util.Optional;

import dev.postino.core.smtp.EnhancedStatus;
import dev.postino.core.smtp.SmtpReply;

/**
 * Whether an SMTP {@code AUTH} command may run. James 3.8.1 hides AUTH from EHLO when
 * {@code auth.requireSSL} is set and TLS has not started, but still runs an AUTH PLAIN it is sent:
 * a password would cross the network in clear. We refuse AUTH whenever it was not announced.
 */
public final class AuthPolicy {
    private AuthPolicy() {
    }

    /**
     * @param tlsStarted whether the session is encrypted (STARTTLS done, or implicit TLS)
     * @param announced whether the server offered AUTH to this session in EHLO
     * @return the refusal to send, or empty to let the AUTH exchange run
     */
    public static Optional<SmtpReply> refusal(boolean tlsStarted, boolean announced) {
        if (announced) {
            return Optional.empty();
        }
        if (!tlsStarted) {
            // RFC 4954 §6: 538 "Encryption required for requested authentication mechanism".
            return Optional.of(SmtpReply.of(538, EnhancedStatus.of(5, 7, 11),
                "Encryption required: issue STARTTLS first"));
        }
        // RFC 5321 §4.2.4 / RFC 3463 5.5.1: a command this server does not offer here.
        return Optional.of(SmtpReply.of(503, EnhancedStatus.of(5, 5, 1), "AUTH is not offered on this port"));
    }
}
