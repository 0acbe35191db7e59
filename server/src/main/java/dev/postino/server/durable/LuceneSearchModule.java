package dev.postino.server.durable;

import java.io.File;
import java.io.IOException;

import org.apache.james.events.EventListener;
import org.apache.james.filesystem.api.FileSystem;
import org.apache.james.mailbox.lucene.search.LuceneMessageSearchIndex;
import org.apache.james.mailbox.store.search.ListeningMessageSearchIndex;
import org.apache.james.mailbox.store.search.MessageSearchIndex;
import org.apache.james.modules.mailbox.ReIndexingTaskSerializationModule;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Scopes;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;

/**
 * IMAP SEARCH over a Lucene index in {@value #INDEX}. James's own module opens the index at
 * the working directory root, beside conf/; ours keeps it with the rest of the data. Moving
 * an existing index needs a re-index ({@code POST /mailboxes?task=reIndex}).
 */
final class LuceneSearchModule extends AbstractModule {
    static final String INDEX = "var/store/lucene";

    @Override
    protected void configure() {
        install(new ReIndexingTaskSerializationModule());
        bind(LuceneMessageSearchIndex.class).in(Scopes.SINGLETON);
        bind(MessageSearchIndex.class).to(LuceneMessageSearchIndex.class);
        bind(ListeningMessageSearchIndex.class).to(LuceneMessageSearchIndex.class);
        Multibinder.newSetBinder(binder(), EventListener.ReactiveGroupEventListener.class)
            .addBinding().to(LuceneMessageSearchIndex.class);
    }

    @Provides
    @Singleton
    Directory index(FileSystem fileSystem) throws IOException {
        File directory = new File(fileSystem.getBasedir(), INDEX);
        if (!directory.isDirectory() && !directory.mkdirs()) {
            throw new IOException("cannot create the search index directory " + directory);
        }
        return FSDirectory.open(directory);
    }
}
