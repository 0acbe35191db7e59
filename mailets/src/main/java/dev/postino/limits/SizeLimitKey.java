package dev.postino.limits;

import java.util.Locale;

import javax.mail.internet.AddressException;

import org.apache.james.core.MailAddress;

import dev.postino.core.BadField;
import dev.postino.core.route.RouteTable;

/**
 * Whom a size limit belongs to: a domain ({@code a.test}) or a user's address
 * ({@code ceo@a.test}), compared in lower case.
 */
public final class SizeLimitKey {
    public static final String DOMAIN = "domain";
    public static final String USER = "user";

    private SizeLimitKey() {
    }

    public static boolean isUser(String key) {
        return key.contains("@");
    }

    /**
     * The key in lower case.
     *
     * @throws BadField {@code user} for a malformed address, {@code domain} for a malformed domain
     */
    public static String normalize(String key) {
        if (isUser(key)) {
            try {
                MailAddress address = new MailAddress(key);
                String domain = domain(address.getDomain().asString(), USER, key);
                return (address.getLocalPart() + "@" + domain).toLowerCase(Locale.ROOT);
            } catch (AddressException e) {
                throw new BadField(USER, "'" + key + "' is not an address: " + e.getMessage());
            }
        }
        return domain(key, DOMAIN, key);
    }

    // Host names only: no wildcard, no address literal, no trailing dot.
    private static String domain(String domain, String field, String key) {
        try {
            if (!domain.startsWith(".") && !domain.endsWith(".") && !domain.equals("*")) {
                return RouteTable.normalizeKey(domain);
            }
        } catch (IllegalArgumentException e) {
            // refused below, naming the field
        }
        throw new BadField(field, "'" + key + "' does not " + (field.equals(USER) ? "end with" : "name")
            + " a domain such as a.test");
    }
}
