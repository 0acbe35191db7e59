package dev.postino.testing.peer;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What one live connection has done so far; written by its session thread, read by tests. */
final class ConnectionLog {

    private final int id;
    private final String remoteAddress;
    private final List<String> commands = new ArrayList<>();
    private boolean tls;
    private String authenticatedAs;
    private boolean open = true;

    ConnectionLog(int id, String remoteAddress) {
        this.id = id;
        this.remoteAddress = remoteAddress;
    }

    int id() {
        return id;
    }

    synchronized void command(String line) {
        commands.add(line);
    }

    synchronized void tlsStarted() {
        tls = true;
    }

    synchronized void authenticated(String user) {
        authenticatedAs = user;
    }

    synchronized void closed() {
        open = false;
    }

    /** {@code 127.0.0.1:4711} or {@code [::1]:4711}. */
    static String addressOf(Socket socket) {
        if (socket.getRemoteSocketAddress() instanceof InetSocketAddress remote) {
            String host = remote.getAddress().getHostAddress();
            return (host.contains(":") ? "[" + host + "]" : host) + ":" + remote.getPort();
        }
        return String.valueOf(socket.getRemoteSocketAddress());
    }

    synchronized RecordedConnection snapshot() {
        return new RecordedConnection(id, remoteAddress, tls, Optional.ofNullable(authenticatedAs), commands, open);
    }
}
