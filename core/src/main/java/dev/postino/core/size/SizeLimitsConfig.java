package dev.postino.core.size;

import java.util.Map;
import java.util.TreeMap;

/**
 * Reads size limits from flat {@code size.*} keys (Postino's {@code postino.properties}):
 *
 * <pre>
 * size.limit=25M                                # global: every mail without a more specific limit
 * size.limit.submission.domain.a.test=10M       # mail sent by authenticated users of a.test
 * size.limit.submission.user.ceo@a.test=50M     # mail sent by ceo@a.test (over the domain's)
 * size.limit.inbound.domain.b.test=5M           # mail to any address at b.test
 * size.limit.inbound.user.archive@b.test=unlimited  # mail to archive@b.test (over the domain's)
 * </pre>
 *
 * Values are {@link SizeText} sizes or {@code unlimited}. Any other {@code size.*} key is refused
 * with its name: a typo must not silently leave a limit out.
 */
public final class SizeLimitsConfig {
    public static final String PREFIX = "size.";
    public static final String GLOBAL = "size.limit";
    public static final String SUBMISSION_DOMAIN = "size.limit.submission.domain.";
    public static final String SUBMISSION_USER = "size.limit.submission.user.";
    public static final String INBOUND_DOMAIN = "size.limit.inbound.domain.";
    public static final String INBOUND_USER = "size.limit.inbound.user.";
    public static final String UNLIMITED = "unlimited";

    private SizeLimitsConfig() {
    }

    /**
     * @param entries the {@code size.*} keys and their values (other keys are the caller's)
     * @throws IllegalArgumentException naming the first bad key and, for a bad value, the value
     */
    public static SizeLimits parse(Map<String, String> entries) {
        SizeLimits.Builder limits = SizeLimits.builder();
        for (Map.Entry<String, String> entry : new TreeMap<>(entries).entrySet()) {
            String key = entry.getKey();
            long bytes = value(key, entry.getValue());
            if (key.equals(GLOBAL)) {
                limits.global(bytes);
            } else if (key.startsWith(SUBMISSION_DOMAIN)) {
                limits.submissionDomain(domain(key, SUBMISSION_DOMAIN), bytes);
            } else if (key.startsWith(SUBMISSION_USER)) {
                limits.submissionUser(address(key, SUBMISSION_USER), bytes);
            } else if (key.startsWith(INBOUND_DOMAIN)) {
                limits.inboundDomain(domain(key, INBOUND_DOMAIN), bytes);
            } else if (key.startsWith(INBOUND_USER)) {
                limits.inboundUser(address(key, INBOUND_USER), bytes);
            } else {
                throw new IllegalArgumentException("unknown key " + key + "; size keys are " + GLOBAL + ", "
                    + SUBMISSION_DOMAIN + "DOMAIN, " + SUBMISSION_USER + "USER@DOMAIN, " + INBOUND_DOMAIN + "DOMAIN, "
                    + INBOUND_USER + "USER@DOMAIN");
            }
        }
        return limits.build();
    }

    private static long value(String key, String value) {
        try {
            return parseLimit(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad value for " + key + "='" + (value == null ? "" : value.trim())
                + "': " + e.getMessage(), e);
        }
    }

    /**
     * One limit as written in configuration: a {@link SizeText} size or {@code unlimited}
     * ({@link SizeLimits#UNLIMITED}).
     *
     * @throws IllegalArgumentException saying what is expected
     */
    public static long parseLimit(String value) {
        String text = value == null ? "" : value.trim();
        if (text.equals(UNLIMITED)) {
            return SizeLimits.UNLIMITED;
        }
        try {
            return SizeText.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + ", or " + UNLIMITED, e);
        }
    }

    /** The inverse of {@link #parseLimit}: {@code 10M}, {@code 1000B} or {@code unlimited}. */
    public static String formatLimit(long bytes) {
        return bytes == SizeLimits.UNLIMITED ? UNLIMITED : SizeText.exact(bytes);
    }

    private static String domain(String key, String prefix) {
        String domain = key.substring(prefix.length());
        if (domain.isEmpty() || domain.contains("@") || domain.startsWith(".") || domain.endsWith(".")) {
            throw new IllegalArgumentException("key " + key + " must end with a domain, e.g. " + prefix + "a.test");
        }
        return domain;
    }

    private static String address(String key, String prefix) {
        String address = key.substring(prefix.length());
        int at = address.lastIndexOf('@');
        if (at <= 0 || at == address.length() - 1) {
            throw new IllegalArgumentException("key " + key + " must end with an address, e.g. " + prefix + "ceo@a.test");
        }
        return address;
    }
}
