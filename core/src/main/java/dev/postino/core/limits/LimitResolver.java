package dev.postino.core.limits;

import java.util.EnumMap;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Which limits apply to an authenticated sender. Each of the five kinds is resolved on its own,
 * the most specific setting winning: the user's (webadmin override, then postino.properties),
 * else the user's domain's (override, then postino.properties), else the configured default,
 * else {@link SendingLimits#BUILT_IN}. So a user override of {@code messagesPerHour} alone keeps
 * the domain's {@code messagesPerDay}.
 */
public final class LimitResolver {
    private LimitResolver() {
    }

    /**
     * @param user the login name, {@code local@domain} (a login without a domain only gets the
     *     user and default scopes)
     */
    public static SendingLimits resolve(String user, LimitTable configured, LimitTable overrides) {
        String key = LimitTable.key(user);
        Optional<String> domain = domainOf(key);
        EnumMap<LimitKind, Long> limits = new EnumMap<>(LimitKind.class);
        EnumMap<LimitKind, LimitSource> sources = new EnumMap<>(LimitKind.class);
        for (LimitKind kind : LimitKind.values()) {
            LimitSource source = LimitSource.BUILT_IN;
            long limit = SendingLimits.BUILT_IN.get(kind).getAsLong();
            OptionalLong[] candidates = {
                value(overrides.user(key), kind),
                value(configured.user(key), kind),
                domain.map(d -> value(overrides.domain(d), kind)).orElse(OptionalLong.empty()),
                domain.map(d -> value(configured.domain(d), kind)).orElse(OptionalLong.empty()),
                configured.defaults().get(kind),
            };
            LimitSource[] order = {LimitSource.USER_OVERRIDE, LimitSource.USER_CONFIG, LimitSource.DOMAIN_OVERRIDE,
                LimitSource.DOMAIN_CONFIG, LimitSource.DEFAULT_CONFIG};
            for (int i = 0; i < candidates.length; i++) {
                if (candidates[i].isPresent()) {
                    limit = candidates[i].getAsLong();
                    source = order[i];
                    break;
                }
            }
            limits.put(kind, limit);
            sources.put(kind, source);
        }
        return new SendingLimits(limits, sources);
    }

    /** The part after the last {@code @}; empty for a login without one. */
    public static Optional<String> domainOf(String user) {
        int at = user.lastIndexOf('@');
        return at < 0 || at == user.length() - 1 ? Optional.empty() : Optional.of(user.substring(at + 1));
    }

    private static OptionalLong value(Optional<LimitSet> set, LimitKind kind) {
        return set.map(limits -> limits.get(kind)).orElse(OptionalLong.empty());
    }
}
