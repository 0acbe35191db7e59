package dev.postino.core.limits;

import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Limits by scope: defaults, per domain (of the authenticated login), per user (the login
 * itself). {@code postino.properties} gives one table, webadmin overrides another; both are read
 * by {@link LimitResolver}. Domains and users are kept lower case, so they match without regard
 * to case. Immutable: a change makes a new table.
 */
public final class LimitTable {
    private static final LimitTable EMPTY = new LimitTable(LimitSet.empty(), Map.of(), Map.of());

    private final LimitSet defaults;
    private final Map<String, LimitSet> domains;
    private final Map<String, LimitSet> users;

    private LimitTable(LimitSet defaults, Map<String, LimitSet> domains, Map<String, LimitSet> users) {
        this.defaults = defaults;
        this.domains = Collections.unmodifiableMap(new TreeMap<>(domains));
        this.users = Collections.unmodifiableMap(new TreeMap<>(users));
    }

    public static LimitTable empty() {
        return EMPTY;
    }

    public LimitTable withDefaults(LimitSet limits) {
        return new LimitTable(limits, domains, users);
    }

    /** Sets (or, with an empty set, removes) a domain's limits. */
    public LimitTable withDomain(String domain, LimitSet limits) {
        return new LimitTable(defaults, put(domains, domain, limits), users);
    }

    /** Sets (or, with an empty set, removes) a user's limits. */
    public LimitTable withUser(String user, LimitSet limits) {
        return new LimitTable(defaults, domains, put(users, user, limits));
    }

    public LimitSet defaults() {
        return defaults;
    }

    public Optional<LimitSet> domain(String domain) {
        return Optional.ofNullable(domains.get(key(domain)));
    }

    public Optional<LimitSet> user(String user) {
        return Optional.ofNullable(users.get(key(user)));
    }

    /** Every domain with limits of its own, sorted. */
    public Map<String, LimitSet> domains() {
        return domains;
    }

    /** Every user with limits of their own, sorted. */
    public Map<String, LimitSet> users() {
        return users;
    }

    /** The lower-case form under which domains and users are kept. */
    public static String key(String name) {
        return name.trim().toLowerCase(Locale.ROOT);
    }

    private static Map<String, LimitSet> put(Map<String, LimitSet> map, String name, LimitSet limits) {
        Map<String, LimitSet> copy = new TreeMap<>(map);
        if (limits.isEmpty()) {
            copy.remove(key(name));
        } else {
            copy.put(key(name), limits);
        }
        return copy;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof LimitTable)) {
            return false;
        }
        LimitTable that = (LimitTable) other;
        return defaults.equals(that.defaults) && domains.equals(that.domains) && users.equals(that.users);
    }

    @Override
    public int hashCode() {
        return defaults.hashCode() * 31 * 31 + domains.hashCode() * 31 + users.hashCode();
    }

    @Override
    public String toString() {
        return "defaults=" + defaults + " domains=" + domains + " users=" + users;
    }
}
