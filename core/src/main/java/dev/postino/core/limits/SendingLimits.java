package dev.postino.core.limits;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * The five limits in force for one sender, each with where it came from. Built by
 * {@link LimitResolver}.
 */
public final class SendingLimits {
    /**
     * The built-in defaults: generous, so that a person writing mail never meets them, while a
     * stolen account or a runaway script is stopped within the hour. Every one can be changed in
     * {@code postino.properties} ({@code sending.limit.KIND}).
     */
    public static final LimitSet BUILT_IN = LimitSet.empty()
        .with(LimitKind.MESSAGES_PER_HOUR, 500)
        .with(LimitKind.MESSAGES_PER_DAY, 1000)
        .with(LimitKind.RECIPIENTS_PER_MESSAGE, 500)
        .with(LimitKind.RECIPIENTS_PER_HOUR, 2000)
        .with(LimitKind.RECIPIENTS_PER_DAY, 5000);

    private final Map<LimitKind, Long> limits;
    private final Map<LimitKind, LimitSource> sources;

    SendingLimits(EnumMap<LimitKind, Long> limits, EnumMap<LimitKind, LimitSource> sources) {
        for (LimitKind kind : LimitKind.values()) {
            if (!limits.containsKey(kind) || !sources.containsKey(kind)) {
                throw new IllegalArgumentException("no value for " + kind.configName());
            }
        }
        this.limits = Collections.unmodifiableMap(limits);
        this.sources = Collections.unmodifiableMap(sources);
    }

    /** The limit, or {@link LimitText#UNLIMITED}. */
    public long limit(LimitKind kind) {
        return limits.get(kind);
    }

    public LimitSource source(LimitKind kind) {
        return sources.get(kind);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        for (LimitKind kind : LimitKind.values()) {
            if (text.length() > 0) {
                text.append(' ');
            }
            text.append(kind.configName()).append('=').append(LimitText.format(limit(kind)))
                .append('(').append(source(kind).label()).append(')');
        }
        return text.toString();
    }
}
