package dev.postino.core.sieve;

import java.util.Objects;

/**
 * One parsed {@code spamtest} (RFC 3685 §3): a match type, the comparator and the key the spam
 * level is compared with. Built once per evaluation by the jsieve shell; invalid combinations are
 * refused here with the message the script's owner gets back.
 */
public final class SpamTestQuery {
    /** RFC 5228 §2.7.1 match types, and RFC 5231's {@code :value} and {@code :count}. */
    public enum MatchType { IS, CONTAINS, MATCHES, VALUE, COUNT }

    private final MatchType matchType;
    private final SieveRelation relation;
    private final SieveComparator comparator;
    private final String key;

    private SpamTestQuery(MatchType matchType, SieveRelation relation, SieveComparator comparator, String key) {
        this.matchType = matchType;
        this.relation = relation;
        this.comparator = comparator;
        this.key = key;
    }

    /** {@code relation} is needed by {@code VALUE} and {@code COUNT} and refused by the others. */
    public static SpamTestQuery of(MatchType matchType, SieveRelation relation, SieveComparator comparator, String key) {
        Objects.requireNonNull(matchType, "matchType");
        Objects.requireNonNull(comparator, "comparator");
        Objects.requireNonNull(key, "key");
        boolean relational = matchType == MatchType.VALUE || matchType == MatchType.COUNT;
        if (relational != (relation != null)) {
            throw new IllegalArgumentException(relational
                ? ":" + name(matchType) + " needs a relation (gt, ge, lt, le, eq, ne)"
                : "a relation is only valid after :value or :count");
        }
        if ((matchType == MatchType.CONTAINS || matchType == MatchType.MATCHES) && !comparator.supportsSubstrings()) {
            throw new IllegalArgumentException(":" + name(matchType) + " cannot be used with comparator " + comparator.sieveName());
        }
        return new SpamTestQuery(matchType, relation, comparator, key);
    }

    /** Whether the spam level (RFC 3685 value, {@code "0"}..{@code "10"}) satisfies this test. */
    public boolean matches(String value) {
        switch (matchType) {
            case VALUE:
                return relation.holds(comparator.compare(value, key));
            case COUNT:
                // RFC 5231 §4.1: spamtest has exactly one value to count.
                return relation.holds(comparator.compare("1", key));
            case CONTAINS:
                return comparator.prepare(value).contains(comparator.prepare(key));
            case MATCHES:
                return SieveWildcard.matches(comparator.prepare(key), comparator.prepare(value));
            default:
                return comparator.compare(value, key) == 0;
        }
    }

    public MatchType matchType() {
        return matchType;
    }

    public SieveRelation relation() {
        return relation;
    }

    public SieveComparator comparator() {
        return comparator;
    }

    public String key() {
        return key;
    }

    private static String name(MatchType matchType) {
        return matchType.name().toLowerCase(java.util.Locale.ROOT);
    }
}
