package dev.postino.limits;

import com.google.inject.ImplementedBy;

import dev.postino.config.KeyedStore;

/**
 * Where size limits set through webadmin are kept, by normalized domain or address. The default,
 * {@link FileSizeLimitOverrides}, is a file in this node's working directory: each James node has
 * its own. A shared implementation (a database table) can be bound in a
 * {@code guice.extension.module}; {@link EditableSizeLimits} reads it at start-up and after each
 * change made through this node.
 */
@ImplementedBy(FileSizeLimitOverrides.class)
public interface SizeLimitOverrides extends KeyedStore<SizeLimitEntry> {
}
