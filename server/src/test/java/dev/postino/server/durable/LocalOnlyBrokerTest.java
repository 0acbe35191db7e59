package dev.postino.server.durable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;

import org.apache.activemq.broker.BrokerService;
import org.junit.jupiter.api.Test;

class LocalOnlyBrokerTest {
    @Test
    void theBrokersTcpListenerIsClosedAndTheInJvmConnectionStillWorks() throws Exception {
        // As James's EmbeddedActiveMQ starts it: tcp://localhost:0, no authentication.
        BrokerService broker = new BrokerService();
        broker.setBrokerName("local-only-test");
        broker.setPersistent(false);
        broker.setUseJmx(false);
        broker.setUseShutdownHook(false);
        broker.setTransportConnectorURIs(new String[] {"tcp://localhost:0"});
        broker.start();
        try {
            URI listening = broker.getTransportConnectors().get(0).getConnectUri();

            LocalOnlyBroker.closeNetworkListeners("local-only-test");

            assertThat(broker.getTransportConnectors()).isEmpty();
            assertThatThrownBy(() -> {
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress(listening.getHost(), listening.getPort()), 2000);
                }
            }).isInstanceOf(ConnectException.class);
            new org.apache.activemq.ActiveMQConnectionFactory("vm://local-only-test?create=false").createConnection().close();
        } finally {
            broker.stop();
        }
    }
}
