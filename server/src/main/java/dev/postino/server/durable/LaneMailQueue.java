package dev.postino.server.durable;

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
 * James's ActiveMQ queue as one of {@link EnqueueLanes}: its session and producer send the lane's
 * mail. It also lends {@link ReceiveLoops} its reading of a JMS message into a mail (properties,
 * the message itself, blob messages of older versions), so a mail dequeued by the loops is the
 * mail James's own dequeue would give; the loops receive on a connection of their own.
 */
final class LaneMailQueue extends ActiveMQCacheableMailQueue {
    LaneMailQueue(ConnectionFactory connections, MailQueueItemDecoratorFactory decorators, MailQueueName name,
                  boolean useBlobMessages, MetricFactory metrics) {
        super(connections, decorators, name, useBlobMessages, metrics, new NoopGaugeRegistry());
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
