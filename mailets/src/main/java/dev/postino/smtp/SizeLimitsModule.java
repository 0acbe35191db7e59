package dev.postino.smtp;

import com.google.inject.AbstractModule;

import dev.postino.core.size.SizeLimitStore;
import dev.postino.limits.EditableSizeLimits;

/**
 * Binds the {@link SizeLimitStore} that {@link RefuseOversized}, {@code IsOversized},
 * {@code BounceOversized} and webadmin's {@code /postino/limits} share: {@link EditableSizeLimits},
 * the {@code size.*} keys of {@code conf/postino.properties} (a bad key stops start-up naming it)
 * with the limits set through webadmin on top. Named in {@code extensions.properties}:
 *
 * <pre>
 * guice.extension.module=dev.postino.smtp.SizeLimitsModule
 * </pre>
 */
public class SizeLimitsModule extends AbstractModule {
    @Override
    protected void configure() {
        bind(SizeLimitStore.class).to(EditableSizeLimits.class);
    }
}
