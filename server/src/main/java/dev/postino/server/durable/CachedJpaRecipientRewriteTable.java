package dev.postino.server.durable;

import org.apache.james.rrt.api.RecipientRewriteTableException;
import org.apache.james.rrt.jpa.JPARecipientRewriteTable;
import org.apache.james.rrt.lib.Mapping;
import org.apache.james.rrt.lib.MappingSource;
import org.apache.james.rrt.lib.Mappings;

/**
 * James's JPA recipient rewrite table (aliases, forwards, groups, domain mappings) with an exact
 * {@link LookupCache} for the stored mappings of one source: the {@code RecipientRewriteTable}
 * mailet and {@code ValidRcptHandler} ask twice per recipient (user@domain, then domain), each a
 * query with a new entity manager. Every mapping added or removed through this server (webadmin)
 * is seen by the next lookup. All James's writes end in {@link #addMapping} or
 * {@link #removeMapping}.
 */
final class CachedJpaRecipientRewriteTable extends JPARecipientRewriteTable {
    private final LookupCache<MappingSource, Mappings> stored = new LookupCache<>();

    @Override
    public Mappings getStoredMappings(MappingSource source) throws RecipientRewriteTableException {
        return stored.get(source, super::getStoredMappings);
    }

    // Both writes read the current mappings first and write the merged result back: that read
    // comes from the database (LookupCache.write forgets before and after).

    @Override
    public void addMapping(MappingSource source, Mapping mapping) throws RecipientRewriteTableException {
        stored.write(() -> super.addMapping(source, mapping));
    }

    @Override
    public void removeMapping(MappingSource source, Mapping mapping) throws RecipientRewriteTableException {
        stored.write(() -> super.removeMapping(source, mapping));
    }
}
