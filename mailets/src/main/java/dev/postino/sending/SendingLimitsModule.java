package dev.postino.sending;

import java.io.FileNotFoundException;
import java.nio.file.Path;
import java.time.Clock;

import org.apache.james.filesystem.api.FileSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.OptionalBinder;

import dev.postino.config.PostinoProperties;
import dev.postino.core.limits.InMemorySendCounterStore;
import dev.postino.core.limits.SendCounterStore;
import dev.postino.core.limits.SendingLimiter;

/**
 * Binds what the sending-limit hooks ({@code RefuseOverSendingLimit}, {@code SettleSendingLimit})
 * and the webadmin routes ({@code SendingLimitsRoutes}) share: one {@link SendingLimiter} over
 * the {@code sending.limit.*} keys of postino.properties, the overrides file
 * {@value SendingLimitOverrides#FILE}, James's {@link Clock} and a {@link SendCounterStore}.
 *
 * <p>The store defaults to {@link InMemorySendCounterStore} (this node's counts only). Several
 * James nodes share counts when another extension module binds a shared store:
 * {@code OptionalBinder.newOptionalBinder(binder(), SendCounterStore.class).setBinding().to(MyStore.class)}.
 * Named in {@code extensions.properties}:
 *
 * <pre>
 * guice.extension.module=dev.postino.sending.SendingLimitsModule
 * </pre>
 */
public class SendingLimitsModule extends AbstractModule {
    private static final Logger LOGGER = LoggerFactory.getLogger(SendingLimitsModule.class);

    @Override
    protected void configure() {
        OptionalBinder.newOptionalBinder(binder(), SendCounterStore.class).setDefault().to(InMemorySendCounterStore.class);
        bind(InMemorySendCounterStore.class).in(Singleton.class);
    }

    @Provides
    @Singleton
    SendingLimitSettings settings(FileSystem fileSystem) {
        Path home = workingDirectory(fileSystem);
        SendingLimitSettings settings = new SendingLimitSettings(PostinoProperties.load(home).sendingLimits(),
            SendingLimitOverrides.load(home.resolve(SendingLimitOverrides.FILE)));
        LOGGER.info("sending limits from postino.properties: {}; webadmin overrides ({}): {}", settings.configured(),
            settings.overrides().file(), settings.overrides().table());
        return settings;
    }

    @Provides
    @Singleton
    SendingLimiter limiter(Clock clock, SendCounterStore store, SendingLimitSettings settings) {
        return new SendingLimiter(clock, store, settings);
    }

    private static Path workingDirectory(FileSystem fileSystem) {
        try {
            return fileSystem.getBasedir().toPath();
        } catch (FileNotFoundException e) {
            throw new IllegalStateException("James has no working directory", e);
        }
    }
}
