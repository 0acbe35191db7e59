package dev.postino.config;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Replaces a file as a whole: the new content goes to a temporary file beside it, synced to disk,
 * which is then renamed over the old one and the directory synced, so a crash mid-write leaves the
 * previous file intact, a reader never sees half a file, and a change once written stays.
 */
public final class AtomicFile {
    /** Writes text into a file. */
    public interface Content {
        void writeTo(Writer out) throws IOException;
    }

    private AtomicFile() {
    }

    /**
     * @param ownerOnly create the file readable by its owner only (it holds passwords), where the
     *                  file system knows POSIX permissions
     */
    public static void write(Path file, Content content, boolean ownerOnly) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temporary = parent.resolve(file.getFileName() + ".tmp");
        Files.deleteIfExists(temporary);
        if (ownerOnly && FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
             Writer out = new BufferedWriter(new OutputStreamWriter(Channels.newOutputStream(channel),
                 StandardCharsets.UTF_8))) {
            content.writeTo(out);
            out.flush();
            // On disk before the rename: a crash must leave the old file or the whole new one.
            channel.force(true);
        }
        try {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        }
        syncDirectory(parent);
    }

    /**
     * The rename is an entry of the directory: until the directory is on disk, a power cut can
     * bring the old file back after the change was confirmed (as chasquid and Postfix sync it).
     */
    private static void syncDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some file systems cannot open or sync a directory: the rename itself is done.
        }
    }
}
