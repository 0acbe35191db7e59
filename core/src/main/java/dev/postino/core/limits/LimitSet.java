package dev.postino.core.limits;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Some of the five limits, as one scope sets them (the defaults, a domain, a user): a kind left
 * out is inherited from the next scope (see {@link LimitResolver}). Immutable.
 */
public final class LimitSet {
    private static final LimitSet EMPTY = new LimitSet(new EnumMap<>(LimitKind.class));

    private final Map<LimitKind, Long> values;

    private LimitSet(EnumMap<LimitKind, Long> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    public static LimitSet empty() {
        return EMPTY;
    }

    /** @param limit from 0 up, or {@link LimitText#UNLIMITED} */
    public LimitSet with(LimitKind kind, long limit) {
        if (limit < 0) {
            throw new IllegalArgumentException(kind.configName() + " must be " + LimitText.EXPECTED + ", got " + limit);
        }
        EnumMap<LimitKind, Long> copy = values.isEmpty() ? new EnumMap<>(LimitKind.class) : new EnumMap<>(values);
        copy.put(kind, limit);
        return new LimitSet(copy);
    }

    public OptionalLong get(LimitKind kind) {
        Long value = values.get(kind);
        return value == null ? OptionalLong.empty() : OptionalLong.of(value);
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** The kinds set here and their values, in {@link LimitKind} order. */
    public Map<LimitKind, Long> asMap() {
        return values;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LimitSet && values.equals(((LimitSet) other).values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("{");
        values.forEach((kind, limit) -> {
            if (text.length() > 1) {
                text.append(", ");
            }
            text.append(kind.configName()).append('=').append(LimitText.format(limit));
        });
        return text.append('}').toString();
    }
}
