package dev.postino.server;

import java.util.Objects;

/** Where the server keeps its data: chosen with {@code --storage}. */
public enum Storage {
    /** JPA database (embedded Derby by default), KahaDB mail queues, Lucene index: all under var/. */
    DURABLE,
    /** Everything in memory, lost on stop: quick trials and fast tests. */
    MEMORY;

    /** {@code durable} or {@code memory}, as given to {@code --storage}. */
    public static Storage named(String name) {
        switch (Objects.requireNonNull(name)) {
            case "durable":
                return DURABLE;
            case "memory":
                return MEMORY;
            default:
                throw new IllegalArgumentException("--storage must be 'durable' or 'memory', got '" + name + "'");
        }
    }
}
