package dev.postino.config;

import java.io.IOException;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A setting edited at run time on top of the configuration files: values kept in a
 * {@link KeyedStore}, from which the subclass derives the immutable value the server reads
 * ({@link #rebuild}) at start-up and after each change. Changes are serialized; readers never lock.
 *
 * @param <V> one key's value
 */
public abstract class EditableLayer<V> {
    private static final Logger LOGGER = LoggerFactory.getLogger(EditableLayer.class);

    private final KeyedStore<V> store;
    private final String what;

    /** Subclasses call {@link #reload()} at the end of their constructor. */
    protected EditableLayer(KeyedStore<V> store, String what) {
        this.store = store;
        this.what = what;
    }

    /** Adds or replaces the value of a normalized key: kept by the store, then in effect. */
    public synchronized void put(String key, V value) throws IOException {
        store.put(key, value);
        reload();
        LOGGER.info("{} of {} set through webadmin: {}", what, key, value);
    }

    /** Removes the value of a normalized key (the configuration file's applies again); false when there was none. */
    public synchronized boolean remove(String key) throws IOException {
        boolean removed = store.remove(key);
        reload();
        if (removed) {
            LOGGER.info("{} of {} removed through webadmin", what, key);
        }
        return removed;
    }

    protected final void reload() {
        rebuild(store.all());
    }

    /** Derives what the server reads from every stored value. */
    protected abstract void rebuild(Map<String, V> stored);
}
