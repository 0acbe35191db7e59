package dev.postino.core.sieve;

import java.util.Locale;

/** RFC 5231 §5 relational operators, for {@code :value} and {@code :count}. */
public enum SieveRelation {
    GT, GE, LT, LE, EQ, NE;

    public static SieveRelation byName(String name) {
        for (SieveRelation relation : values()) {
            if (relation.name().equalsIgnoreCase(name)) {
                return relation;
            }
        }
        throw new IllegalArgumentException("relation \"" + name + "\" is not one of gt, ge, lt, le, eq, ne");
    }

    /** Whether the relation holds for a comparison result ({@code value} compared with the key). */
    public boolean holds(int comparison) {
        switch (this) {
            case GT:
                return comparison > 0;
            case GE:
                return comparison >= 0;
            case LT:
                return comparison < 0;
            case LE:
                return comparison <= 0;
            case EQ:
                return comparison == 0;
            default:
                return comparison != 0;
        }
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
