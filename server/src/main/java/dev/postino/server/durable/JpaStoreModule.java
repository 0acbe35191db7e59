package dev.postino.server.durable;

import javax.persistence.EntityManagerFactory;
import javax.persistence.Persistence;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;

/**
 * The one JPA {@link EntityManagerFactory} every JPA store shares, over the database of
 * {@link DatabaseSettings}. The persistence unit {@code Global} (which entity classes exist) is
 * our {@code META-INF/persistence.xml}: no published James jar ships one.
 */
public final class JpaStoreModule extends AbstractModule {
    static final String PERSISTENCE_UNIT = "Global";

    private final DatabaseSettings settings;

    public JpaStoreModule(DatabaseSettings settings) {
        this.settings = settings;
    }

    @Override
    protected void configure() {
        bind(DatabaseSettings.class).toInstance(settings);
    }

    @Provides
    @Singleton
    EntityManagerFactory entityManagerFactory() {
        return open(settings);
    }

    /**
     * The persistence unit over {@code settings}' database, its schema created or extended to
     * the mapping; fails naming the database if that is impossible.
     */
    public static EntityManagerFactory open(DatabaseSettings settings) {
        EntityManagerFactory factory = Persistence.createEntityManagerFactory(PERSISTENCE_UNIT, settings.openJpaProperties());
        try {
            // OpenJPA maps (and creates or extends) the schema on the first entity manager:
            // do it now, so a schema it cannot use stops start-up here, naming the database.
            factory.createEntityManager().close();
        } catch (RuntimeException e) {
            factory.close();
            throw new DatabaseUnavailableException("the database " + settings.displayUrl()
                + " cannot be used (schema could not be created or does not match): " + e.getMessage(), e);
        }
        return factory;
    }
}
