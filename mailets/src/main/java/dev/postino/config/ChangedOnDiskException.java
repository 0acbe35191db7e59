package dev.postino.config;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A file webadmin keeps its changes in was changed by someone else since the server read it (an
 * edit by hand): the change is refused and nothing is written, rather than the edit being silently
 * replaced by the server's copy.
 */
public class ChangedOnDiskException extends IOException {
    private static final long serialVersionUID = 1L;

    public ChangedOnDiskException(Path file) {
        super(file + " was changed on disk since the server read it; nothing changed: restart the server to load it"
            + " (or undo the edit), then repeat the request");
    }
}
