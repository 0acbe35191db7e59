package dev.postino.server.durable;

import org.apache.activemq.broker.BrokerRegistry;
import org.apache.activemq.broker.BrokerService;
import org.apache.activemq.broker.region.BaseDestination;
import org.apache.activemq.broker.region.Destination;
import org.apache.activemq.broker.region.DestinationFilter;
import org.apache.activemq.broker.region.policy.PolicyEntry;
import org.apache.activemq.broker.region.policy.PolicyMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How much of each queue the embedded broker looks at. ActiveMQ pages at most {@code maxPageSize}
 * messages of a queue into memory and dispatches only among those; James's consumer takes only
 * mail that is due (a selector on its stored next-delivery time). With ActiveMQ's default of 200,
 * 200 deferred mails at the head of {@code postino-outgoing} hide every due mail behind them
 * until one of them is due: measured with a destination down (bench/queue-scale), delivery of all
 * other mail stopped for minutes. Here the window is {@link #PAGE_SIZE} mails, for dispatch and
 * for browsing (webadmin's queue view).
 *
 * <p>Paged-in mail is held in memory, so the broker's memory limit (ActiveMQ's default, 1 GiB, is
 * the whole default heap) is set to a quarter of the heap: paging stops at 70 % of it, and the
 * queue then behaves as before for what lies beyond.
 */
final class QueuePaging {
    private static final Logger LOGGER = LoggerFactory.getLogger(QueuePaging.class);
    static final int PAGE_SIZE = 20_000;
    static final String BROKER_NAME = "james";

    private QueuePaging() {
    }

    /** Sets the window for queues created from now on and for those the broker restored from disk. */
    static void apply(String brokerName, long maxHeapBytes) throws Exception {
        BrokerService broker = BrokerRegistry.getInstance().lookup(brokerName);
        if (broker == null) {
            throw new IllegalStateException("no embedded ActiveMQ broker named '" + brokerName + "' is running");
        }
        long memoryLimit = maxHeapBytes / 4;
        broker.getSystemUsage().getMemoryUsage().setLimit(memoryLimit);
        PolicyEntry entry = new PolicyEntry();
        entry.setQueue(">");
        entry.setMaxPageSize(PAGE_SIZE);
        entry.setMaxBrowsePageSize(PAGE_SIZE);
        PolicyMap policies = new PolicyMap();
        policies.setDefaultEntry(entry);
        broker.setDestinationPolicy(policies);
        int restored = 0;
        for (Destination destination : broker.getRegionBroker().getDestinationMap().values()) {
            Destination inner = destination;
            while (inner instanceof DestinationFilter) {
                inner = ((DestinationFilter) inner).getNext();
            }
            if (inner instanceof BaseDestination) {
                ((BaseDestination) inner).setMaxPageSize(PAGE_SIZE);
                ((BaseDestination) inner).setMaxBrowsePageSize(PAGE_SIZE);
                restored++;
            }
        }
        LOGGER.info("ActiveMQ queues page in up to {} mails ({} restored queue(s) updated), memory limit {} MiB",
            PAGE_SIZE, restored, memoryLimit >> 20);
    }
}
