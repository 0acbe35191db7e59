package dev.postino.webadmin;

import java.util.ArrayList;
import java.util.List;

import javax.inject.Inject;

import org.apache.james.webadmin.Routes;
import org.apache.james.webadmin.utils.JsonTransformer;

import dev.postino.delivery.DestinationStatus;
import dev.postino.delivery.OutboundQueue;
import dev.postino.delivery.OutboundRegistry;
import spark.Request;
import spark.Response;
import spark.Service;

/**
 * {@code GET /postino/destinations}: every destination this node delivered to since it started
 * (a domain, or a relay's {@code host:port}), with its last success, failures in a row, last error,
 * whether it is down (every address being skipped as unreachable), deliveries in progress and
 * connections open; one page at a time ({@link Page}: {@code ?limit=}, {@code ?offset=}), as a busy
 * server meets many thousands of destinations. Per node and in memory: a restart starts it afresh. Listed in
 * {@code webadmin.properties} {@code extensions.routes}.
 */
public class DestinationRoutes implements Routes {
    static final String BASE = "/postino/destinations";

    private final OutboundRegistry registry;
    private final JsonTransformer json = new JsonTransformer();

    @Inject
    public DestinationRoutes(OutboundRegistry registry) {
        this.registry = registry;
    }

    @Override
    public String getBasePath() {
        return BASE;
    }

    @Override
    public void define(Service service) {
        service.get(BASE, this::destinations, json);
    }

    private List<DestinationDto> destinations(Request request, Response response) {
        Page page = Page.of(request);
        List<DestinationDto> rows = new ArrayList<>();
        for (OutboundQueue queue : registry.queues()) {
            for (DestinationStatus status : queue.destinations()) {
                rows.add(new DestinationDto(queue.name(), status, queue.openConnections(status.addresses())));
            }
        }
        return page.of(rows);
    }
}
