package dev.postino.testing.dns;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.BindException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Message;

/**
 * A DNS server inside the test JVM that answers from a {@link DnsZone}, over UDP and TCP on
 * 127.0.0.1 and one random port (the same for both, so a resolver can retry a truncated UDP
 * answer over TCP).
 *
 * <pre>{@code
 * try (ScriptedDnsServer dns = new ScriptedDnsServer(zone).start()) {
 *     SimpleResolver resolver = new SimpleResolver(dns.address());
 *     ...
 * }
 * }</pre>
 *
 * <p>Answers are authoritative (AA). A UDP answer larger than 512 bytes, or than the client's
 * EDNS payload size (capped at 1232), is truncated with TC set; TCP serves it whole. A packet that
 * does not parse is logged and dropped: nothing a client sends stops the server. All threads are
 * daemons.
 */
public final class ScriptedDnsServer implements AutoCloseable {
    private static final Logger LOGGER = LoggerFactory.getLogger(ScriptedDnsServer.class);
    private static final int BIND_ATTEMPTS = 20;
    private static final int MAX_UDP_PACKET = 0xffff;
    private static final int TCP_IDLE_TIMEOUT_MILLIS = 30_000;

    private final DnsZone zone;
    private final DnsResponder responder;
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private DatagramSocket udp;
    private ServerSocket tcp;
    private volatile boolean closed;

    public ScriptedDnsServer(DnsZone zone) {
        this.zone = zone;
        this.responder = new DnsResponder(zone);
    }

    /** Binds UDP and TCP on 127.0.0.1 and one free port, and starts answering. */
    public synchronized ScriptedDnsServer start() throws IOException {
        if (udp != null || closed) {
            throw new IllegalStateException("a ScriptedDnsServer starts once");
        }
        bindSamePort();
        daemon("udp", this::serveUdp).start();
        daemon("tcp", this::acceptTcp).start();
        LOGGER.info("scripted DNS listening on {} (udp+tcp)", address());
        return this;
    }

    public DnsZone zone() {
        return zone;
    }

    public int port() {
        if (udp == null) {
            throw new IllegalStateException("ScriptedDnsServer not started");
        }
        return udp.getLocalPort();
    }

    public InetSocketAddress address() {
        return new InetSocketAddress(loopback(), port());
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (udp != null) {
            udp.close();
        }
        closeQuietly(tcp);
        connections.forEach(ScriptedDnsServer::closeQuietly);
    }

    private void bindSamePort() throws IOException {
        InetAddress loopback = loopback();
        BindException last = null;
        // UDP takes a free port; TCP may find that port taken by someone else, then we try again.
        for (int attempt = 0; attempt < BIND_ATTEMPTS; attempt++) {
            DatagramSocket udpSocket = new DatagramSocket(new InetSocketAddress(loopback, 0));
            ServerSocket tcpSocket = new ServerSocket();
            try {
                tcpSocket.bind(new InetSocketAddress(loopback, udpSocket.getLocalPort()));
                udp = udpSocket;
                tcp = tcpSocket;
                return;
            } catch (BindException e) {
                last = e;
                udpSocket.close();
                tcpSocket.close();
            }
        }
        throw new IOException("no port free for both UDP and TCP after " + BIND_ATTEMPTS + " attempts", last);
    }

    private void serveUdp() {
        byte[] buffer = new byte[MAX_UDP_PACKET];
        while (!closed && !udp.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                udp.receive(packet);
            } catch (IOException e) {
                if (!closed) {
                    LOGGER.warn("scripted DNS: UDP receive failed", e);
                }
                continue;
            }
            byte[] request = Arrays.copyOfRange(packet.getData(), packet.getOffset(),
                packet.getOffset() + packet.getLength());
            try {
                Optional<byte[]> reply = answer(request, true);
                if (reply.isPresent()) {
                    udp.send(new DatagramPacket(reply.get(), reply.get().length, packet.getSocketAddress()));
                }
            } catch (Exception e) {
                // Catch-all on purpose: one bad exchange must not stop the server.
                LOGGER.warn("scripted DNS: UDP exchange with {} failed", packet.getSocketAddress(), e);
            }
        }
    }

    private void acceptTcp() {
        while (!closed && !tcp.isClosed()) {
            try {
                Socket socket = tcp.accept();
                connections.add(socket);
                daemon("tcp-conn", () -> serveTcp(socket)).start();
            } catch (IOException e) {
                if (!closed) {
                    LOGGER.warn("scripted DNS: TCP accept failed", e);
                }
            }
        }
    }

    /** RFC 7766 §6.2: a connection may carry several queries, each with a two-byte length prefix. */
    private void serveTcp(Socket socket) {
        try (socket) {
            socket.setSoTimeout(TCP_IDLE_TIMEOUT_MILLIS);
            DataInputStream in = new DataInputStream(socket.getInputStream());
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            while (!closed) {
                byte[] request = new byte[in.readUnsignedShort()];
                in.readFully(request);
                Optional<byte[]> reply = answer(request, false);
                if (reply.isPresent()) {
                    out.writeShort(reply.get().length);
                    out.write(reply.get());
                    out.flush();
                }
            }
        } catch (EOFException | SocketException e) {
            // The client closed the connection, or close() did.
        } catch (Exception e) {
            if (!closed) {
                LOGGER.warn("scripted DNS: TCP connection from {} failed", socket.getRemoteSocketAddress(), e);
            }
        } finally {
            connections.remove(socket);
        }
    }

    private Optional<byte[]> answer(byte[] request, boolean overUdp) {
        Message query;
        try {
            query = new Message(request);
        } catch (IOException | RuntimeException e) {
            LOGGER.warn("scripted DNS: dropped a malformed {}-byte packet: {}", request.length, e.toString());
            return Optional.empty();
        }
        return responder.respond(query)
            .map(response -> overUdp ? DnsResponder.udpWire(query, response) : DnsResponder.tcpWire(response));
    }

    private Thread daemon(String role, Runnable task) {
        Thread thread = new Thread(task, "scripted-dns-" + role + "-" + port());
        thread.setDaemon(true);
        return thread;
    }

    private static InetAddress loopback() {
        try {
            return InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            LOGGER.debug("scripted DNS: close failed", e);
        }
    }
}
