package dev.postino.delivery;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.inject.Inject;

import org.apache.james.metrics.api.GaugeRegistry;
import org.apache.james.metrics.api.MetricFactory;

import com.google.inject.Singleton;

/**
 * Every running {@code RouteByMx}'s {@link OutboundQueue}, for the webadmin routes; and the
 * delivery metrics they all publish to. One per server: bound as a singleton by
 * {@link OutboundModule}, so the mailets and the routes (built by the same extension injector)
 * share it.
 */
@Singleton
public final class OutboundRegistry {
    private final List<OutboundQueue> queues = new CopyOnWriteArrayList<>();
    private final DeliveryMetrics metrics;

    @Inject
    public OutboundRegistry(MetricFactory metricFactory, GaugeRegistry gauges) {
        this.metrics = new DeliveryMetrics(metricFactory);
        gauges.register(DeliveryMetrics.CONNECTIONS_OPEN,
            () -> queues.stream().mapToInt(OutboundQueue::openConnections).sum());
    }

    public DeliveryMetrics metrics() {
        return metrics;
    }

    /** RouteByMx, once it delivers. */
    public void register(OutboundQueue queue) {
        queues.add(queue);
    }

    /** RouteByMx, before it stops. */
    public void deregister(OutboundQueue queue) {
        queues.remove(queue);
    }

    /** In registration order. */
    public List<OutboundQueue> queues() {
        return List.copyOf(queues);
    }
}
