package dev.postino.smtp;

import java.io.FileNotFoundException;

import org.apache.james.filesystem.api.FileSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;

import dev.postino.config.PostinoProperties;
import dev.postino.core.size.SizeLimitStore;
import dev.postino.core.size.SizeLimits;

/**
 * Binds the {@link SizeLimitStore} that {@link RefuseOversized}, {@code IsOversized} and
 * {@code BounceOversized} share: the {@code size.*} keys of {@code conf/postino.properties}, read
 * once at start-up (a bad key stops start-up naming it). A webadmin-editable store replaces this
 * binding later. Named in {@code extensions.properties}:
 *
 * <pre>
 * guice.extension.module=dev.postino.smtp.SizeLimitsModule
 * </pre>
 */
public class SizeLimitsModule extends AbstractModule {
    private static final Logger LOGGER = LoggerFactory.getLogger(SizeLimitsModule.class);

    @Provides
    @Singleton
    SizeLimitStore sizeLimits(FileSystem fileSystem) {
        try {
            SizeLimits limits = PostinoProperties.load(fileSystem.getBasedir().toPath()).sizeLimits();
            LOGGER.info("size limits from postino.properties: {}", limits);
            return SizeLimitStore.of(limits);
        } catch (FileNotFoundException e) {
            throw new IllegalStateException("James has no working directory", e);
        }
    }
}
