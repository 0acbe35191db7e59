package dev.postino.server.durable;

import javax.jms.Connection;
import javax.jms.ConnectionFactory;
import javax.jms.JMSException;
import javax.jms.Message;
import javax.mail.MessagingException;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.metrics.api.NoopGaugeRegistry;
import org.apache.james.queue.activemq.ActiveMQCacheableMailQueue;
import org.apache.james.queue.api.MailQueue.MailQueueItem;
import org.apache.james.queue.api.MailQueueItemDecoratorFactory;
import org.apache.james.queue.api.MailQueueName;
import org.apache.mailet.Mail;

/**
 * James's ActiveMQ queue, opened for {@link ReceiveLoops}: its connection, and its reading of a
 * JMS message into a mail (properties, the message itself, blob messages of older versions), so a
 * mail dequeued by the loops is the mail James's own dequeue would give.
 */
final class ReceivingMailQueue extends ActiveMQCacheableMailQueue {
    ReceivingMailQueue(ConnectionFactory connections, MailQueueItemDecoratorFactory decorators, MailQueueName name,
                       boolean useBlobMessages, MetricFactory metrics) {
        super(connections, decorators, name, useBlobMessages, metrics, new NoopGaugeRegistry());
    }

    Connection connection() {
        return connection;
    }

    Mail mailOf(Message message) throws MessagingException, JMSException {
        return createMail(message);
    }

    MailQueueItem decorated(MailQueueItem item) {
        dequeuedMailsMetric.increment();
        return mailQueueItemDecoratorFactory.decorate(item, queueName);
    }

    /** James's due-time selector, with "now" fixed at {@code until}. */
    String dueBy(long until) {
        return JAMES_NEXT_DELIVERY + " <= " + until + " OR " + FORCE_DELIVERY + " = true";
    }
}
