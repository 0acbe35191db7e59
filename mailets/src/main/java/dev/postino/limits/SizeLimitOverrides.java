package dev.postino.limits;

import java.io.IOException;
import java.util.Map;

import com.google.inject.ImplementedBy;

/**
 * Where size limits set through webadmin are kept, by normalized domain or address. The default,
 * {@link FileSizeLimitOverrides}, is a file in this node's working directory: each James node has
 * its own. A shared implementation (a database table) can be bound in a
 * {@code guice.extension.module}; {@link EditableSizeLimits} reads it at start-up and after each
 * change made through this node.
 */
@ImplementedBy(FileSizeLimitOverrides.class)
public interface SizeLimitOverrides {
    Map<String, SizeLimitEntry> all();

    /** Adds or replaces the limits of {@code key}; durable when this returns. */
    void put(String key, SizeLimitEntry entry) throws IOException;

    /** False when {@code key} had no limits here. */
    boolean remove(String key) throws IOException;
}
