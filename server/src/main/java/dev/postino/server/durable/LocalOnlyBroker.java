package dev.postino.server.durable;

import java.util.ArrayList;

import org.apache.activemq.broker.BrokerRegistry;
import org.apache.activemq.broker.BrokerService;
import org.apache.activemq.broker.TransportConnector;

/**
 * James's embedded broker also listens on {@code tcp://localhost:<random port>}, without
 * authentication, though James itself connects in-JVM ({@code vm://james}): every local user
 * could browse, remove or inject mail on the spool and {@code postino-outgoing} (injected mail
 * bypasses SMTP AUTH and relay control). The TCP connector is closed as soon as the broker is up.
 */
final class LocalOnlyBroker {
    private LocalOnlyBroker() {
    }

    /** Stops and removes every network connector of the running broker {@code brokerName}. */
    static void closeNetworkListeners(String brokerName) throws Exception {
        BrokerService broker = BrokerRegistry.getInstance().lookup(brokerName);
        if (broker == null) {
            throw new IllegalStateException("no embedded ActiveMQ broker named '" + brokerName + "' is running");
        }
        for (TransportConnector connector : new ArrayList<>(broker.getTransportConnectors())) {
            connector.stop();
            broker.removeConnector(connector);
        }
    }
}
