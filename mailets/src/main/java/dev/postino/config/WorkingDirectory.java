package dev.postino.config;

import java.io.FileNotFoundException;
import java.nio.file.Path;

import org.apache.james.filesystem.api.FileSystem;

/** James's working directory (the one holding {@code conf/} and {@code var/}). */
public final class WorkingDirectory {
    private WorkingDirectory() {
    }

    public static Path of(FileSystem fileSystem) {
        try {
            return fileSystem.getBasedir().toPath();
        } catch (FileNotFoundException e) {
            throw new IllegalStateException("James has no working directory", e);
        }
    }
}
