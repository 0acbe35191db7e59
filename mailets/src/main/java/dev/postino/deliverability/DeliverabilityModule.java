package dev.postino.deliverability;

import com.google.inject.AbstractModule;

/**
 * Binds what the deliverability mailets and the {@code /postino/domains} webadmin routes share:
 * {@link HostIdentity} (built at start-up, so a bad helo.name is reported then) and the
 * {@link DkimKeyStore}. Named in {@code extensions.properties}:
 *
 * <pre>
 * guice.extension.module=...,dev.postino.deliverability.DeliverabilityModule
 * </pre>
 */
public class DeliverabilityModule extends AbstractModule {
    @Override
    protected void configure() {
        bind(HostIdentity.class).asEagerSingleton();
        bind(DkimKeyStore.class).asEagerSingleton();

    }
}
