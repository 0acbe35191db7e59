package dev.postino.sending;

import java.util.Locale;

import javax.mail.internet.AddressException;

import org.apache.james.core.Domain;
import org.apache.james.core.MailAddress;

/**
 * What a sending-limit override is for: a user (a login, {@code alice@a.test}) or a domain (every
 * user of {@code a.test}). Parsed strictly; kept lower case.
 */
public final class LimitTarget {
    private final boolean user;
    private final String name;

    private LimitTarget(boolean user, String name) {
        this.user = user;
        this.name = name;
    }

    /** A name with {@code @} is a user, else a domain; {@link IllegalArgumentException} if neither parses. */
    public static LimitTarget parse(String text) {
        String trimmed = text == null ? "" : text.trim();
        if (trimmed.indexOf('@') >= 0) {
            try {
                return new LimitTarget(true, new MailAddress(trimmed).asString().toLowerCase(Locale.ROOT));
            } catch (AddressException e) {
                throw new IllegalArgumentException("'" + trimmed + "' is not a valid user address: " + e.getMessage(), e);
            }
        }
        try {
            return new LimitTarget(false, Domain.of(trimmed).asString().toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + trimmed + "' is not a valid domain: " + e.getMessage(), e);
        }
    }

    public boolean isUser() {
        return user;
    }

    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return (user ? "user " : "domain ") + name;
    }
}
