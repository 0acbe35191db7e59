package dev.postino.server.durable;

import javax.jms.ConnectionFactory;

import org.apache.activemq.store.PersistenceAdapter;
import org.apache.activemq.store.kahadb.KahaDBPersistenceAdapter;
import org.apache.james.core.healthcheck.HealthCheck;
import org.apache.james.queue.activemq.ActiveMQHealthCheck;
import org.apache.james.queue.activemq.ActiveMQMailQueueFactory;
import org.apache.james.queue.activemq.EmbeddedActiveMQ;
import org.apache.james.queue.activemq.metric.ActiveMQMetricCollector;
import org.apache.james.queue.activemq.metric.ActiveMQMetricCollectorNoop;
import org.apache.james.queue.api.MailQueue;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.queue.api.ManageableMailQueue;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Scopes;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;

/**
 * James's mail queues (the spool, Postino's outgoing queue) on an embedded ActiveMQ broker that
 * persists to KahaDB under {@code var/store/activemq/}. A message is on disk before the SMTP
 * server answers 250, and a dequeued mail is acknowledged only when processing ends, so a crash
 * re-delivers it (at most a duplicate, never a loss). Enqueue delays are honoured: the due time
 * is stored with the message and checked when dequeuing.
 */
public final class ActiveMqQueueModule extends AbstractModule {
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
        return broker.getConnectionFactory();
    }

    @Provides
    @Singleton
    DetachedDequeueMailQueueFactory detachedQueues(ActiveMQMailQueueFactory factory) {
        // No JMX: webadmin is the administration path, and queue MBeans would clash between
        // servers sharing a JVM.
        factory.setUseJMX(false);
        factory.init();
        return new DetachedDequeueMailQueueFactory(factory);
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
