package dev.postino.spam;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

import javax.inject.Inject;
import javax.inject.Singleton;

import org.apache.james.filesystem.api.FileSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.postino.config.PostinoProperties;
import dev.postino.config.WorkingDirectory;
import dev.postino.core.spam.BayesClassifier;
import dev.postino.core.spam.MessageClass;
import dev.postino.core.spam.TokenCounts;
import dev.postino.core.spam.mime.MimeReader;

/**
 * Training the running server's classifier (webadmin's {@code /postino/spam/learn}): the token
 * store named by {@code spam.tokenStore} in {@code postino.properties}, shared through
 * {@link SpamTokenStores} with the {@code SpamCheck} mailet and the SMTP hook that score against
 * the same file, so what is learned changes the next verdict. A training session is saved to disk
 * when it ends.
 */
@Singleton
public class SpamLearning {
    private static final Logger LOGGER = LoggerFactory.getLogger(SpamLearning.class);

    /** What the store holds. */
    public static final class Stats {
        /** The store's file, relative to the working directory when it is inside. */
        public final Path store;
        public final int tokens;
        public final long spam;
        public final long ham;
        public final boolean trained;

        Stats(Path store, int tokens, TokenCounts totals) {
            this.store = store;
            this.tokens = tokens;
            this.spam = totals.spam();
            this.ham = totals.ham();
            this.trained = spam >= BayesClassifier.DEFAULT_MIN_MESSAGES && ham >= BayesClassifier.DEFAULT_MIN_MESSAGES;
        }
    }

    /** Messages learned into the store one by one; {@link #close} saves the store and gives it back. */
    public final class Session implements AutoCloseable {
        private final FileTokenStore store;
        private final BayesClassifier classifier;

        private Session(FileTokenStore store) {
            this.store = store;
            this.classifier = new BayesClassifier(store);
        }

        /** Learns the first {@link MimeReader#DEFAULT_MAX_BYTES} of a raw message (as the check reads mail). */
        public void learn(InputStream message, MessageClass kind) throws IOException {
            learn(message.readNBytes(MimeReader.DEFAULT_MAX_BYTES), kind);
        }

        public void learn(byte[] message, MessageClass kind) {
            SpamTraining.learnMessage(classifier, message, kind);
        }

        @Override
        public void close() throws IOException {
            try {
                store.save();
            } finally {
                stores.release(store);
            }
        }
    }

    private final SpamTokenStores stores;
    private final Path home;
    private final Path file;

    @Inject
    public SpamLearning(FileSystem fileSystem, SpamTokenStores stores) {
        this(WorkingDirectory.of(fileSystem), stores);
    }

    private SpamLearning(Path home, SpamTokenStores stores) {
        this.home = home.toAbsolutePath().normalize();
        this.file = PostinoProperties.load(home).spamTokenStore().toAbsolutePath().normalize();
        this.stores = stores;
    }

    /** Opens the store for learning (shared with the mailets when they have it open). */
    public Session open() {
        return new Session(stores.open(file, SpamSettings.DEFAULT_SAVE_INTERVAL));
    }

    /** Learns one message and saves the store. */
    public Stats learn(byte[] message, MessageClass kind) throws IOException {
        try (Session session = open()) {
            session.learn(message, kind);
        }
        Stats stats = stats();
        LOGGER.info("spam store {} learned one {} message through webadmin: {} spam, {} ham learned", file,
            kind.name().toLowerCase(java.util.Locale.ROOT), stats.spam, stats.ham);
        return stats;
    }

    /** The store's counts now, read without writing anything. */
    public Stats stats() {
        FileTokenStore store = stores.ifOpen(file).orElseGet(() -> FileTokenStore.open(file));
        return new Stats(file.startsWith(home) ? home.relativize(file) : file, store.tokenCount(), store.totals());
    }
}
