package dev.postino.server.durable;

import java.nio.file.Path;

import org.apache.commons.configuration2.HierarchicalConfiguration;
import org.apache.commons.configuration2.tree.ImmutableNode;
import org.apache.james.GuiceJamesServer;
import org.apache.james.NaiveDelegationStoreModule;
import org.apache.james.modules.MailboxModule;
import org.apache.james.modules.MailetProcessingModule;
import org.apache.james.modules.RunArgumentsModule;
import org.apache.james.modules.mailbox.DefaultEventModule;
import org.apache.james.modules.mailbox.MemoryDeadLetterModule;
import org.apache.james.modules.protocols.IMAPServerModule;
import org.apache.james.modules.protocols.LMTPServerModule;
import org.apache.james.modules.protocols.ManageSieveServerModule;
import org.apache.james.modules.protocols.POP3ServerModule;
import org.apache.james.modules.protocols.ProtocolHandlerModule;
import org.apache.james.modules.protocols.SMTPServerModule;
import org.apache.james.modules.server.DataRoutesModules;
import org.apache.james.modules.server.InconsistencyQuotasSolvingRoutesModule;
import org.apache.james.modules.server.MailQueueRoutesModule;
import org.apache.james.modules.server.MailRepositoriesRoutesModule;
import org.apache.james.modules.server.MailboxRoutesModule;
import org.apache.james.modules.server.MailetContainerModule;
import org.apache.james.modules.server.NoJwtModule;
import org.apache.james.modules.server.RawPostDequeueDecoratorModule;
import org.apache.james.modules.server.ReIndexingModule;
import org.apache.james.modules.server.SieveRoutesModule;
import org.apache.james.modules.server.TaskManagerModule;
import org.apache.james.modules.server.WebAdminReIndexingTaskSerializationModule;
import org.apache.james.modules.server.WebAdminServerModule;
import org.apache.james.server.core.configuration.Configuration;

import com.google.inject.Module;
import com.google.inject.util.Modules;

/**
 * The durable James 3.8.1 server over an installed working directory: the same protocols and
 * webadmin routes as the memory server, with data in JPA ({@link JpaStoreModule}), search in
 * Lucene and mail queues in ActiveMQ/KahaDB.
 */
public final class DurableServer {
    private DurableServer() {
    }

    private static Module protocols() {
        return Modules.combine(
            new IMAPServerModule(),
            new LMTPServerModule(),
            new ManageSieveServerModule(),
            new POP3ServerModule(),
            new ProtocolHandlerModule(),
            new SMTPServerModule());
    }

    private static Module webadmin() {
        return Modules.combine(
            new WebAdminServerModule(),
            new NoJwtModule(),
            new DataRoutesModules(),
            new InconsistencyQuotasSolvingRoutesModule(),
            new MailboxRoutesModule(),
            new MailQueueRoutesModule(),
            new MailRepositoriesRoutesModule(),
            new ReIndexingModule(),
            new SieveRoutesModule(),
            new WebAdminReIndexingTaskSerializationModule());
    }

    private static Module storage(DatabaseSettings database) {
        return Modules.combine(
            new JpaStoreModule(database),
            new JpaDataModule(),
            new JpaMailboxModule(),
            new ActiveMqQueueModule());
    }

    /** {@code home} must be installed (conf/ present); the database is not opened until start. */
    public static GuiceJamesServer create(Path home) {
        DatabaseSettings database = DatabaseSettings.load(home);
        Configuration configuration = Configuration.builder()
            .workingDirectory(home.toFile())
            .build();
        return GuiceJamesServer.forConfiguration(configuration)
            .combineWith(
                new MailetProcessingModule(),
                new MailboxModule(),
                new DefaultEventModule(),
                new MemoryDeadLetterModule(),
                new TaskManagerModule(),
                new NaiveDelegationStoreModule(),
                new RawPostDequeueDecoratorModule(),
                binder -> binder.bind(MailetContainerModule.DefaultProcessorsConfigurationSupplier.class)
                    .toInstance(DurableServer::noDefaultProcessors),
                storage(database),
                protocols(),
                webadmin())
            .overrideWith(new RunArgumentsModule(new String[] {"--generate-keystore"}));
    }

    /** James falls back to a built-in pipeline when conf has none; ours always ships one. */
    private static HierarchicalConfiguration<ImmutableNode> noDefaultProcessors() {
        throw new IllegalStateException("conf/mailetcontainer.xml has no <processors>: Postino ships no fallback pipeline");
    }
}
