package dev.postino.core.size;

/**
 * Where the current size limits come from. Today the configuration file (read once at start-up);
 * a store editable through webadmin can implement this later without touching the deciders, which
 * ask for the limits at every decision instead of keeping a copy.
 */
public interface SizeLimitStore {
    SizeLimits limits();

    /** A store that never changes: the configuration file's limits, or a test's. */
    static SizeLimitStore of(SizeLimits limits) {
        return () -> limits;
    }
}
