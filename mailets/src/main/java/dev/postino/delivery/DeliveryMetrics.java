package dev.postino.delivery;

import org.apache.james.metrics.api.Metric;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.metrics.api.TimeMetric;

/**
 * Delivery counters and the attempt timer, published through James's {@link MetricFactory} (so
 * they appear wherever James's metrics go: webadmin {@code GET /metrics}, logs, …). Counts are of
 * recipients, since one mail can be delivered to some and deferred for others. The names are
 * defined here once.
 */
public final class DeliveryMetrics {
    public static final String DELIVERED = "postino_delivery_delivered";
    public static final String DEFERRED = "postino_delivery_deferred";
    public static final String BOUNCED = "postino_delivery_bounced";
    public static final String DELAY_DSNS = "postino_delivery_delay_dsns";
    public static final String LATENCY = "postino_delivery_latency";
    public static final String CONNECTIONS_OPEN = "postino_delivery_connections_open";

    private final MetricFactory factory;
    private final Metric delivered;
    private final Metric deferred;
    private final Metric bounced;
    private final Metric delayDsns;

    public DeliveryMetrics(MetricFactory factory) {
        this.factory = factory;
        this.delivered = factory.generate(DELIVERED);
        this.deferred = factory.generate(DEFERRED);
        this.bounced = factory.generate(BOUNCED);
        this.delayDsns = factory.generate(DELAY_DSNS);
    }

    /** Recipients a remote server accepted. */
    public void delivered(int recipients) {
        delivered.add(recipients);
    }

    /** Recipients that failed temporarily and were put back for a later attempt. */
    public void deferred(int recipients) {
        deferred.add(recipients);
    }

    /** Recipients given up on: refused for good, expired, or removed by the postmaster. */
    public void bounced(int recipients) {
        bounced.add(recipients);
    }

    /** One "delayed" DSN sent. */
    public void delayDsn() {
        delayDsns.increment();
    }

    /** Starts timing one delivery attempt of one mail (every destination); stop it with {@code stopAndPublish()}. */
    public TimeMetric attempt() {
        return factory.timer(LATENCY);
    }
}
