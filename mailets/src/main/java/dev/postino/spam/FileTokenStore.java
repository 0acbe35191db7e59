package dev.postino.spam;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicLong;

import dev.postino.config.AtomicFile;
import dev.postino.core.spam.InMemoryTokenStore;
import dev.postino.core.spam.MessageClass;
import dev.postino.core.spam.TokenCounts;
import dev.postino.core.spam.TokenStore;
import dev.postino.core.spam.TokenStoreFile;

/**
 * A {@link TokenStore} kept in memory and saved to one file ({@link TokenStoreFile} format).
 * Lookups and learning are as concurrent as {@link InMemoryTokenStore}'s; {@link #save} writes a
 * consistent snapshot to a temporary file and renames it over the old one, so a crash mid-save
 * leaves the previous file intact. Saves only when something was learned since the last save.
 * A node-shared backend (a database) would implement {@link TokenStore} instead of this class.
 */
public final class FileTokenStore implements TokenStore {
    private final Path file;
    private final InMemoryTokenStore memory;
    private final AtomicLong changes = new AtomicLong();
    private final Object saveLock = new Object();
    private long savedAt;

    private FileTokenStore(Path file, InMemoryTokenStore memory) {
        this.file = file;
        this.memory = memory;
    }

    /**
     * Loads {@code file}, or starts empty when it does not exist. A damaged file is an error naming
     * the file and the line: we never silently start over and lose the training.
     */
    public static FileTokenStore open(Path file) {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return new FileTokenStore(file, TokenStoreFile.read(in));
        } catch (NoSuchFileException e) {
            return new FileTokenStore(file, new InMemoryTokenStore());
        } catch (IOException e) {
            throw new UncheckedIOException("spam token store " + file + " is unreadable: " + e.getMessage(), e);
        }
    }

    public Path file() {
        return file;
    }

    /** How many distinct tokens the store holds. */
    public int tokenCount() {
        return memory.size();
    }

    @Override
    public TokenCounts counts(String token) {
        return memory.counts(token);
    }

    @Override
    public TokenCounts totals() {
        return memory.totals();
    }

    @Override
    public void add(MessageClass kind, Collection<String> distinctTokens, int delta) {
        memory.add(kind, distinctTokens, delta);
        changes.incrementAndGet();
    }

    /** Writes the store if it changed since the last save; returns whether it wrote. */
    public boolean save() throws IOException {
        synchronized (saveLock) {
            long now = changes.get();
            if (now == savedAt && Files.exists(file)) {
                return false;
            }
            AtomicFile.write(file, out -> TokenStoreFile.write(memory, out), false);
            savedAt = now;
            return true;
        }
    }
}
