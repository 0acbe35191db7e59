package dev.postino.config;

import java.io.IOException;
import java.util.Map;

/**
 * What webadmin edits at run time, by key: the seam between a live setting and where it is kept
 * (a file per node by default, {@link JsonFileMap}; a database table for servers that share it).
 *
 * @param <V> one key's value
 */
public interface KeyedStore<V> {
    /** Every value by normalized key. */
    Map<String, V> all();

    /** Adds or replaces the value of {@code key}; durable when this returns. */
    void put(String key, V value) throws IOException;

    /** Removes the value of {@code key}; false when there was none. */
    boolean remove(String key) throws IOException;
}
