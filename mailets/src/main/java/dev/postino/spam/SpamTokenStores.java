package dev.postino.spam;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import javax.inject.Inject;
import javax.inject.Singleton;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The token stores of one James server, one per file, shared by every shell that names the same
 * file: the {@code SpamCheck} mailet and the SMTP hook score against the same counts, and what one
 * learns the other sees. A Guice singleton: James builds mailets and SMTP hooks of the drop-in
 * jar through one injector and one class loader, so both receive this same instance.
 *
 * <p>Each store is reference counted: loaded on the first {@link #open}, saved every
 * {@code saveInterval} when it changed, and saved a last time when its last user releases it.
 */
@Singleton
public class SpamTokenStores {
    private static final Logger LOGGER = LoggerFactory.getLogger(SpamTokenStores.class);

    private final Map<Path, Entry> open = new HashMap<>();
    private ScheduledExecutorService saver;

    @Inject
    public SpamTokenStores() {
    }

    /** The store saved in {@code file}, loaded now or shared with earlier users. Release it with {@link #release}. */
    public synchronized FileTokenStore open(Path file, Duration saveInterval) {
        Path key = file.toAbsolutePath().normalize();
        Entry entry = open.get(key);
        if (entry == null) {
            FileTokenStore store = FileTokenStore.open(key);
            if (saver == null) {
                saver = Executors.newSingleThreadScheduledExecutor(runnable -> {
                    Thread thread = new Thread(runnable, "postino-spam-token-saver");
                    thread.setDaemon(true);
                    return thread;
                });
            }
            long millis = saveInterval.toMillis();
            ScheduledFuture<?> task = saver.scheduleWithFixedDelay(() -> saveQuietly(store), millis, millis,
                TimeUnit.MILLISECONDS);
            entry = new Entry(store, task);
            open.put(key, entry);
            LOGGER.info("spam token store {} loaded: {} spam and {} ham messages learned", key,
                store.totals().spam(), store.totals().ham());
        }
        entry.users++;
        return entry.store;
    }

    /** The store saved in {@code file} if some user has it open now (without opening it). */
    public synchronized Optional<FileTokenStore> ifOpen(Path file) {
        Entry entry = open.get(file.toAbsolutePath().normalize());
        return entry == null ? Optional.empty() : Optional.of(entry.store);
    }

    /** Gives back a store from {@link #open}; the last release saves it and stops its saver. */
    public synchronized void release(FileTokenStore store) {
        Entry entry = open.get(store.file());
        if (entry == null || entry.store != store) {
            return;
        }
        entry.users--;
        if (entry.users > 0) {
            return;
        }
        open.remove(store.file());
        entry.task.cancel(false);
        saveQuietly(store);
        if (open.isEmpty() && saver != null) {
            saver.shutdown();
            saver = null;
        }
    }

    private static void saveQuietly(FileTokenStore store) {
        try {
            if (store.save()) {
                LOGGER.info("spam token store {} saved", store.file());
            }
        } catch (IOException | RuntimeException e) {
            LOGGER.error("spam token store {} could not be saved: {}", store.file(), e.toString());
        }
    }

    private static final class Entry {
        final FileTokenStore store;
        final ScheduledFuture<?> task;
        int users;

        Entry(FileTokenStore store, ScheduledFuture<?> task) {
            this.store = store;
            this.task = task;
        }
    }
}
