package dev.postino.limits;

import java.util.Map;
import java.util.TreeMap;

import javax.inject.Inject;
import javax.inject.Singleton;

import org.apache.james.filesystem.api.FileSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.postino.config.EditableLayer;
import dev.postino.config.PostinoProperties;
import dev.postino.config.WorkingDirectory;
import dev.postino.core.size.SizeLimitStore;
import dev.postino.core.size.SizeLimits;

/**
 * The size limits in effect: the {@code size.*} keys of {@code postino.properties} with the limits
 * set through webadmin ({@link SizeLimitOverrides}) on top. A webadmin entry replaces, for its
 * domain or address, the file's limit of each direction it gives ({@code submission},
 * {@code inbound}); a direction it leaves out keeps the file's. The global {@code size.limit} is
 * the file's. The deciders ask {@link #limits()} at every decision, so a change applies to the
 * next SMTP command. One Guice singleton, shared by the SMTP hook, the matcher, the mailet and
 * the webadmin routes.
 */
@Singleton
public class EditableSizeLimits extends EditableLayer<SizeLimitEntry> implements SizeLimitStore {
    private static final Logger LOGGER = LoggerFactory.getLogger(EditableSizeLimits.class);

    private final SizeLimits fileLimits;
    private final SizeLimitOverrides overrides;
    private volatile SizeLimits limits;

    @Inject
    public EditableSizeLimits(FileSystem fileSystem, SizeLimitOverrides overrides) {
        this(PostinoProperties.load(WorkingDirectory.of(fileSystem)).sizeLimits(), overrides);
    }

    EditableSizeLimits(SizeLimits fileLimits, SizeLimitOverrides overrides) {
        super(overrides, "size limits");
        this.fileLimits = fileLimits;
        this.overrides = overrides;
        reload();
        LOGGER.info("size limits from postino.properties: {}; from webadmin: {}", fileLimits, overrides.all());
    }

    @Override
    public SizeLimits limits() {
        return limits;
    }

    /** The {@code size.*} keys of {@code postino.properties} alone. */
    public SizeLimits fileLimits() {
        return fileLimits;
    }

    /** The webadmin entries by normalized key, sorted. */
    public Map<String, SizeLimitEntry> overrides() {
        return new TreeMap<>(overrides.all());
    }

    @Override
    protected void rebuild(Map<String, SizeLimitEntry> stored) {
        SizeLimits.Builder next = fileLimits.toBuilder();
        stored.forEach((key, entry) -> entry.applyTo(key, next));
        limits = next.build();
    }
}
