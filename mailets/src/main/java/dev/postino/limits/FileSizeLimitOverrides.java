package dev.postino.limits;

import java.nio.file.Path;

import javax.inject.Inject;
import javax.inject.Singleton;

import org.apache.james.filesystem.api.FileSystem;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.postino.config.JsonFileMap;
import dev.postino.config.WorkingDirectory;

/**
 * Size limits set through webadmin, in {@code var/postino/size-limits.json} under James's working
 * directory ({@link SizeLimitEntry} per domain or address, written atomically). One file per node.
 * A file that does not read back stops start-up naming it and the bad entry.
 */
@Singleton
public class FileSizeLimitOverrides extends JsonFileMap<SizeLimitEntry> implements SizeLimitOverrides {
    public static final String FILE = "var/postino/size-limits.json";

    @Inject
    public FileSizeLimitOverrides(FileSystem fileSystem) {
        this(WorkingDirectory.of(fileSystem).resolve(FILE));
    }

    FileSizeLimitOverrides(Path file) {
        super(file, "limits", false, new JsonFileMap.Codec<>() {
            @Override
            public String key(String key) {
                return SizeLimitKey.normalize(key);
            }

            @Override
            public SizeLimitEntry read(ObjectNode json) {
                return SizeLimitEntry.read(json);
            }

            @Override
            public ObjectNode write(SizeLimitEntry entry) {
                return entry.write();
            }
        });
    }
}
