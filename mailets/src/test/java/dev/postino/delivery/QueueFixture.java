package dev.postino.delivery;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

import org.apache.james.mailrepository.memory.MemoryMailRepository;
import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.apache.james.queue.memory.MemoryMailQueueFactory.MemoryCacheableMailQueue;
import org.apache.mailet.base.test.FakeMailContext;

import dev.postino.core.route.AddressLookup;
import dev.postino.core.route.AddressSelection;
import dev.postino.core.route.MxLookup;
import dev.postino.core.route.MxSelection;
import dev.postino.core.route.RouteTable;
import dev.postino.core.route.TlsPolicy;

/** An {@link OutboundQueue} over a given memory queue, for {@link QueueActions} tests: no DNS, no courier. */
final class QueueFixture {
    private QueueFixture() {
    }

    static OutboundQueue outbound(MemoryCacheableMailQueue queue, Clock clock, ActionHandshake handshake) {
        MxResolver resolver = new MxResolver() {
            @Override
            public MxLookup lookupMx(String domain) {
                return MxLookup.records(List.of());
            }

            @Override
            public AddressLookup lookupAddresses(String host) {
                return AddressLookup.addresses(List.of());
            }
        };
        DestinationGuard guard = new DestinationGuard(20, Duration.ofMinutes(1), clock);
        DeliveryEngine engine = new DeliveryEngine(RouteTable.parse(List.of()), domain -> false, resolver, null,
            MxSelection.withDefaults(Set.of("mx.a.test")), AddressSelection.withDefaults(), guard,
            name -> Optional.empty(), new DeliveryEngine.Settings("mx.a.test", TlsPolicy.OPPORTUNISTIC,
                SessionSettings.Timeouts.all(Duration.ofSeconds(5)), 25, Duration.ofSeconds(1)), new Random(1));
        MemoryMailRepository deferred = new MemoryMailRepository();
        return new OutboundQueue("outgoing", queue, deferred, new MemoryMailRepository(),
            new DeferredSweeper(deferred, queue, clock, Duration.ofMinutes(1)), guard, engine,
            new DsnSender(FakeMailContext.defaultContext(), "mx.a.test", clock), null,
            new DeliveryMetrics(new RecordingMetricFactory()), clock, handshake);
    }
}
