package dev.postino.spam;

import java.io.File;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

import org.apache.james.filesystem.api.FileSystem;

/** James's FileSystem rooted at a test directory. */
public final class FakeFileSystem implements FileSystem {
    private final Path base;

    public FakeFileSystem(Path base) {
        this.base = base;
    }

    @Override
    public InputStream getResource(String url) throws IOException {
        return java.nio.file.Files.newInputStream(getFile(url).toPath());
    }

    @Override
    public File getFile(String fileURL) throws FileNotFoundException {
        return base.resolve(fileURL.replaceFirst("^file://", "")).toFile();
    }

    @Override
    public File getBasedir() {
        return base.toFile();
    }
}
