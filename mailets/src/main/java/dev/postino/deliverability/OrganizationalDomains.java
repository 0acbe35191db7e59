package dev.postino.deliverability;

import java.util.Locale;

import com.google.common.net.InternetDomainName;

/**
 * RFC 7489 §3.2 organizational domain from the public suffix list that ships in Guava (as James
 * does): one label below the public suffix. A name under no known suffix (a lab's {@code .test})
 * falls back to the "*" rule: its last two labels.
 */
public final class OrganizationalDomains {
    private OrganizationalDomains() {
    }

    public static String of(String domain) {
        String lower = domain.toLowerCase(Locale.ROOT);
        try {
            InternetDomainName name = InternetDomainName.from(lower);
            if (name.isUnderPublicSuffix()) {
                return name.topPrivateDomain().toString();
            }
            if (name.isPublicSuffix()) {
                return lower;
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            // Not a name Guava accepts: the plain rule below.
        }
        String[] labels = lower.split("\\.");
        return labels.length <= 2 ? lower : labels[labels.length - 2] + "." + labels[labels.length - 1];
    }
}
