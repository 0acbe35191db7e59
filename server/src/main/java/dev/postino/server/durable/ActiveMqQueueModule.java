package dev.postino.server.durable;

import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.annotation.PreDestroy;
import javax.inject.Provider;
import javax.jms.ConnectionFactory;

import org.apache.activemq.ActiveMQConnectionFactory;
import org.apache.activemq.RedeliveryPolicy;
import org.apache.activemq.store.PersistenceAdapter;
import org.apache.activemq.store.kahadb.KahaDBPersistenceAdapter;
import org.apache.james.core.healthcheck.HealthCheck;
import org.apache.james.mailetcontainer.impl.JamesMailSpooler;
import org.apache.james.mailrepository.api.MailRepositoryStore;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.onami.lifecycle.DisposingStager;
import org.apache.james.queue.activemq.ActiveMQHealthCheck;
import org.apache.james.queue.activemq.ActiveMQMailQueueFactory;
import org.apache.james.queue.activemq.EmbeddedActiveMQ;
import org.apache.james.queue.activemq.metric.ActiveMQMetricCollector;
import org.apache.james.queue.activemq.metric.ActiveMQMetricCollectorNoop;
import org.apache.james.queue.api.MailQueue;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.queue.api.MailQueueItemDecoratorFactory;
import org.apache.james.queue.api.ManageableMailQueue;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Scopes;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;

/**
 * James's mail queues (the spool, Postino's outgoing queue) on an embedded ActiveMQ broker that
 * persists to KahaDB under {@code var/store/activemq/}. A message is on disk (journal synced;
 * concurrent enqueues synced together, see {@link EnqueueLanes}) before the SMTP server answers
 * 250, and a dequeued mail is acknowledged only when processing ends, so a crash re-delivers it
 * (at most a duplicate, never a loss). Enqueue delays are honoured: the due time
 * is stored with the message and checked when dequeuing.
 */
public final class ActiveMqQueueModule extends AbstractModule {
    /**
     * The message travels inside the JMS message, so in KahaDB's journal, synced before the
     * send returns. James's default (blob messages) writes it to a file of its own under
     * {@code blob-transfer/} that is never synced, and creates and deletes that file per queue.
     * Mail queued as blobs by an earlier version is still read.
     */
    static final boolean USE_BLOB_MESSAGES = false;

    @Override
    protected void configure() {
        bind(KahaDBPersistenceAdapter.class).in(Scopes.SINGLETON);
        bind(PersistenceAdapter.class).to(KahaDBPersistenceAdapter.class);
        bind(EmbeddedActiveMQ.class).in(Scopes.SINGLETON);
        bind(ActiveMQMailQueueFactory.class).in(Scopes.SINGLETON);
        // Queue sizes are on webadmin (/mailQueues); no periodic broker statistics polling.
        bind(ActiveMQMetricCollector.class).to(ActiveMQMetricCollectorNoop.class);
        Multibinder.newSetBinder(binder(), HealthCheck.class).addBinding().to(ActiveMQHealthCheck.class);
    }

    @Provides
    @Singleton
    ConnectionFactory connectionFactory(EmbeddedActiveMQ broker) {
        ConnectionFactory connections = broker.getConnectionFactory();
        redeliverWithoutLimit((ActiveMQConnectionFactory) connections);
        return connections;
    }

    /**
     * James builds the factory with ActiveMQ's default redelivery policy: a message rolled back a
     * 7th time (past 6 redeliveries) is moved to {@code ActiveMQ.DLQ}, which nothing reads, so the mail would vanish from
     * the admin's view. Lifted: the spool's receive loops keep a mail that keeps coming back in
     * the error repository ({@link ReceiveLoops#MAX_REDELIVERIES}), and any other rolled-back
     * mail (the outgoing queue's, when its re-enqueue failed) stays queued and is tried again.
     * Connections copy the policy when they are created: call this before the first one.
     */
    static void redeliverWithoutLimit(ActiveMQConnectionFactory connections) {
        connections.getRedeliveryPolicy().setMaximumRedeliveries(RedeliveryPolicy.NO_MAXIMUM_REDELIVERIES);
    }

    @Provides
    @Singleton
    ReceiveLoops.ErrorRepository spoolErrorRepository(MailRepositoryStore repositories,
                                                      Provider<JamesMailSpooler.Configuration> spooler) {
        return new SpoolErrorRepository(repositories, spooler);
    }

    @Provides
    @Singleton
    DetachedDequeueMailQueueFactory detachedQueues(ActiveMQMailQueueFactory factory, ConnectionFactory connections,
                                                   MailQueueItemDecoratorFactory decorators, MetricFactory metrics,
                                                   ReceiveLoops.ErrorRepository errors,
                                                   DisposingStager<PreDestroy> atStop) {
        // No JMX: webadmin is the administration path, and queue MBeans would clash between
        // servers sharing a JVM.
        factory.setUseJMX(false);
        factory.setUseBlobMessages(USE_BLOB_MESSAGES);
        try {
            // The factory's broker is up: widen its window before the queues are used.
            QueuePaging.apply(QueuePaging.BROKER_NAME, Runtime.getRuntime().maxMemory());
            LocalOnlyBroker.closeNetworkListeners(QueuePaging.BROKER_NAME);
        } catch (Exception e) {
            throw new IllegalStateException("cannot configure the embedded ActiveMQ broker: " + e.getMessage(), e);
        }
        factory.init();
        DetachedDequeueMailQueueFactory queues = new DetachedDequeueMailQueueFactory(factory, name ->
            Stream.generate(() -> new LaneMailQueue(connections, decorators, name, USE_BLOB_MESSAGES, metrics))
                .limit(EnqueueLanes.LANES)
                .collect(Collectors.toList()),
            connections, errors);
        // James's own stop sequence (last built, first stopped): after the spooler, before
        // ActiveMQMailQueueFactory and the broker this factory was built from.
        atStop.register(queues);
        return queues;
    }

    @Provides
    @Singleton
    MailQueueFactory<? extends ManageableMailQueue> manageableQueues(DetachedDequeueMailQueueFactory factory) {
        return factory;
    }

    @Provides
    @Singleton
    MailQueueFactory<?> queues(DetachedDequeueMailQueueFactory factory) {
        return factory;
    }

    @Provides
    @Singleton
    MailQueueFactory<? extends MailQueue> typedQueues(DetachedDequeueMailQueueFactory factory) {
        return factory;
    }
}
