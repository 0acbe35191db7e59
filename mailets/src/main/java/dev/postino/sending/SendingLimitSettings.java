package dev.postino.sending;

import dev.postino.core.limits.LimitLookup;
import dev.postino.core.limits.LimitResolver;
import dev.postino.core.limits.LimitTable;
import dev.postino.core.limits.SendingLimits;

/**
 * The sending limits in force: the {@code sending.limit.*} keys of postino.properties (read once
 * at start-up) under the webadmin overrides (read at every decision, so a change applies to the
 * next message).
 */
public final class SendingLimitSettings implements LimitLookup {
    private final LimitTable configured;
    private final SendingLimitOverrides overrides;

    public SendingLimitSettings(LimitTable configured, SendingLimitOverrides overrides) {
        this.configured = configured;
        this.overrides = overrides;
    }

    @Override
    public SendingLimits limitsFor(String sender) {
        return LimitResolver.resolve(sender, configured, overrides.table());
    }

    public LimitTable configured() {
        return configured;
    }

    public SendingLimitOverrides overrides() {
        return overrides;
    }
}
