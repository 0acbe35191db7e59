package dev.postino.bench;

import dev.postino.core.spam.MessageClass;
import dev.postino.core.spam.mime.MailDates;
import dev.postino.core.spam.mime.MimeMessage;
import dev.postino.core.spam.mime.MimeReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Loads a directory holding {@code ham/} and {@code spam/} folders of raw messages. */
final class Corpus {
    /** When a message says nothing about its arrival: only MISSING_DATE can fire then anyway. */
    private static final Instant FALLBACK_ARRIVAL = Instant.parse("2002-09-01T00:00:00Z");

    private Corpus() {
    }

    static List<LabelledMail> load(Path dir) throws IOException {
        List<LabelledMail> mail = new ArrayList<>();
        loadFolder(dir.resolve("ham"), MessageClass.HAM, mail);
        loadFolder(dir.resolve("spam"), MessageClass.SPAM, mail);
        return mail;
    }

    private static void loadFolder(Path folder, MessageClass truth, List<LabelledMail> into) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new IOException("no folder " + folder + " (expected ham/ and spam/ under the corpus directory)");
        }
        MimeReader reader = new MimeReader();
        List<Path> files;
        try (Stream<Path> listing = Files.list(folder)) {
            files = listing.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path file : files) {
            byte[] raw = readHead(file, MimeReader.DEFAULT_MAX_BYTES);
            MimeMessage message = reader.read(raw);
            into.add(new LabelledMail(file.getFileName().toString(), truth, message, arrival(message)));
        }
    }

    /** Reads at most what the reader examines, as the server's shell does. */
    private static byte[] readHead(Path file, int max) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(max);
        }
    }

    /**
     * The corpus was received years ago; "now" for the date rules is when the top (newest)
     * Received line says our side took it, as on a live server. Falls back to the Date header.
     */
    static Instant arrival(MimeMessage message) {
        for (String received : message.headers().all("Received")) {
            int semi = received.lastIndexOf(';');
            if (semi >= 0) {
                Optional<Instant> when = MailDates.parse(received.substring(semi + 1));
                if (when.isPresent()) {
                    return when.get();
                }
            }
        }
        return message.headers().first("Date").flatMap(MailDates::parse).orElse(FALLBACK_ARRIVAL);
    }
}
