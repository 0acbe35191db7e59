package dev.postino.core.deliverability;

import java.time.YearMonth;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A domain's DKIM selector and public key (base64 of the DER SubjectPublicKeyInfo, the {@code p=}
 * of RFC 6376 §3.6.1). Selectors we make name the month the key was made
 * ({@code postino202611}), so a later key gets a new selector and both can be published while
 * mail signed with the old one is still in flight.
 */
public final class DkimPublicKey {
    private static final Pattern SELECTOR = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/]+={0,2}");

    private final String selector;
    private final String base64;

    public DkimPublicKey(String selector, String base64) {
        if (selector == null || !SELECTOR.matcher(selector).matches()) {
            throw new IllegalArgumentException("DKIM selector must be one DNS label, got '" + selector + "'");
        }
        if (base64 == null || !BASE64.matcher(base64).matches()) {
            throw new IllegalArgumentException("DKIM public key must be base64");
        }
        this.selector = selector;
        this.base64 = base64;
    }

    /** The selector for a key made in {@code month}. */
    public static String selectorFor(YearMonth month) {
        return String.format("postino%04d%02d", month.getYear(), month.getMonthValue());
    }

    public String selector() {
        return selector;
    }

    public String base64() {
        return base64;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DkimPublicKey && ((DkimPublicKey) o).selector.equals(selector)
            && ((DkimPublicKey) o).base64.equals(base64);
    }

    @Override
    public int hashCode() {
        return Objects.hash(selector, base64);
    }
}
