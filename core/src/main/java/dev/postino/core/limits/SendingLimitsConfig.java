package dev.postino.core.limits;

import java.util.Map;
import java.util.TreeMap;

/**
 * Reads sending limits from flat {@code sending.limit.*} keys (Postino's
 * {@code postino.properties}):
 *
 * <pre>
 * sending.limit.messages-per-hour=500                      # default for every authenticated sender
 * sending.limit.messages-per-day=1000
 * sending.limit.recipients-per-message=500
 * sending.limit.recipients-per-hour=2000
 * sending.limit.recipients-per-day=5000
 * sending.limit.messages-per-day.domain.a.test=200         # users of a.test
 * sending.limit.messages-per-day.user.news@a.test=unlimited  # news@a.test (beats its domain)
 * </pre>
 *
 * Values are {@link LimitText}: a whole number from 0 up, or {@code unlimited}. Any other
 * {@code sending.limit.*} key is refused with its name: a typo must not silently leave a limit
 * out.
 */
public final class SendingLimitsConfig {
    public static final String PREFIX = "sending.limit.";
    public static final String DOMAIN = ".domain.";
    public static final String USER = ".user.";

    private SendingLimitsConfig() {
    }

    /**
     * @param entries the {@code sending.limit.*} keys and their values (other keys are the caller's)
     * @throws IllegalArgumentException naming the first bad key and, for a bad value, the value
     */
    public static LimitTable parse(Map<String, String> entries) {
        LimitTable table = LimitTable.empty();
        for (Map.Entry<String, String> entry : new TreeMap<>(entries).entrySet()) {
            String key = entry.getKey();
            LimitKind kind = kindOf(key);
            String rest = key.substring(PREFIX.length() + kind.configName().length());
            long limit = value(key, entry.getValue());
            if (rest.isEmpty()) {
                table = table.withDefaults(table.defaults().with(kind, limit));
            } else if (rest.startsWith(DOMAIN)) {
                String domain = domain(key, rest.substring(DOMAIN.length()));
                table = table.withDomain(domain, table.domain(domain).orElse(LimitSet.empty()).with(kind, limit));
            } else if (rest.startsWith(USER)) {
                String user = user(key, rest.substring(USER.length()));
                table = table.withUser(user, table.user(user).orElse(LimitSet.empty()).with(kind, limit));
            } else {
                throw unknown(key);
            }
        }
        return table;
    }

    private static LimitKind kindOf(String key) {
        if (key.startsWith(PREFIX)) {
            String rest = key.substring(PREFIX.length());
            for (LimitKind kind : LimitKind.values()) {
                if (rest.equals(kind.configName()) || rest.startsWith(kind.configName() + ".")) {
                    return kind;
                }
            }
        }
        throw unknown(key);
    }

    private static IllegalArgumentException unknown(String key) {
        StringBuilder kinds = new StringBuilder();
        for (LimitKind kind : LimitKind.values()) {
            kinds.append(kinds.length() == 0 ? "" : ", ").append(kind.configName());
        }
        return new IllegalArgumentException("unknown key " + key + "; sending limit keys are " + PREFIX + "KIND, "
            + PREFIX + "KIND" + DOMAIN + "DOMAIN and " + PREFIX + "KIND" + USER + "USER@DOMAIN, KIND one of " + kinds);
    }

    private static long value(String key, String value) {
        try {
            return LimitText.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad value for " + key + "='" + (value == null ? "" : value.trim()) + "': "
                + e.getMessage(), e);
        }
    }

    private static String domain(String key, String domain) {
        if (domain.isEmpty() || domain.contains("@") || domain.startsWith(".") || domain.endsWith(".")) {
            throw new IllegalArgumentException("key " + key + " must end with a domain, e.g. "
                + PREFIX + "messages-per-day" + DOMAIN + "a.test");
        }
        return domain;
    }

    private static String user(String key, String user) {
        int at = user.lastIndexOf('@');
        if (at <= 0 || at == user.length() - 1) {
            throw new IllegalArgumentException("key " + key + " must end with an address, e.g. "
                + PREFIX + "messages-per-day" + USER + "alice@a.test");
        }
        return user;
    }
}
