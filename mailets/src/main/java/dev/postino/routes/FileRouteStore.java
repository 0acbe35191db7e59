package dev.postino.routes;

import java.nio.file.Path;
import java.util.Optional;

import javax.inject.Inject;
import javax.inject.Singleton;

import org.apache.james.filesystem.api.FileSystem;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.postino.config.JsonFileMap;
import dev.postino.config.WorkingDirectory;
import dev.postino.core.route.RouteTable;

/**
 * Routes added through webadmin, in {@code var/postino/routes.json} under James's working
 * directory ({@link StoredRouteJson} per key, written atomically, readable by its owner only: it
 * holds smarthost passwords). One file per node. A file that does not read back stops start-up
 * naming it and the bad key or field.
 */
@Singleton
public class FileRouteStore extends JsonFileMap<StoredRoute> implements RouteStore {
    public static final String FILE = "var/postino/routes.json";

    @Inject
    public FileRouteStore(FileSystem fileSystem) {
        this(WorkingDirectory.of(fileSystem).resolve(FILE));
    }

    FileRouteStore(Path file) {
        super(file, "routes", true, new JsonFileMap.Codec<>() {
            @Override
            public String key(String key) {
                return RouteTable.normalizeKey(key);
            }

            @Override
            public StoredRoute read(ObjectNode json) {
                return StoredRouteJson.read(json, Optional.empty());
            }

            @Override
            public ObjectNode write(StoredRoute route) {
                return StoredRouteJson.write(route, true);
            }
        });
    }
}
