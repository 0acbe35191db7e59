package dev.postino.delivery;

import com.google.inject.AbstractModule;
import com.google.inject.Scopes;

/**
 * Binds the {@link OutboundRegistry} that {@code RouteByMx} registers its queue in and the
 * {@code /postino/queue} and {@code /postino/destinations} webadmin routes read. Named in
 * {@code extensions.properties}:
 *
 * <pre>
 * guice.extension.module=dev.postino.delivery.OutboundModule
 * </pre>
 */
public class OutboundModule extends AbstractModule {
    @Override
    protected void configure() {
        bind(OutboundRegistry.class).in(Scopes.SINGLETON);
    }
}
