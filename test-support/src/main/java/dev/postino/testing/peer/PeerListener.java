package dev.postino.testing.peer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

/**
 * One listening period of a peer, from start to stop: the server socket, an accept thread, and a
 * bounded pool of daemon threads, one per connection. Closing it closes every live connection.
 */
final class PeerListener {

    private final ServerSocket server;
    private final ExecutorService workers;
    private final Semaphore slots;
    private final Set<Socket> live = ConcurrentHashMap.newKeySet();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final BiConsumer<Socket, CountDownLatch> session;
    private final Thread acceptor;

    private PeerListener(ServerSocket server, int maxConnections, BiConsumer<Socket, CountDownLatch> session) {
        this.server = server;
        this.session = session;
        this.slots = new Semaphore(maxConnections);
        String name = "smtp-peer-" + server.getLocalPort();
        AtomicInteger count = new AtomicInteger();
        // The semaphore bounds the connections served at once; the pool only reuses idle threads.
        this.workers = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.acceptor = new Thread(this::acceptLoop, name + "-accept");
        this.acceptor.setDaemon(true);
    }

    /** Binds (reusing the address, so a restart gets the same port back) and starts accepting. */
    static PeerListener open(InetSocketAddress address, int maxConnections,
                             BiConsumer<Socket, CountDownLatch> session) throws IOException {
        ServerSocket server = new ServerSocket();
        try {
            server.setReuseAddress(true);
            server.bind(address, 50);
        } catch (IOException e) {
            server.close();
            throw e;
        }
        PeerListener listener = new PeerListener(server, maxConnections, session);
        listener.acceptor.start();
        return listener;
    }

    int port() {
        return server.getLocalPort();
    }

    /** Stops accepting, closes every connection, and waits (bounded) for their threads to end. */
    void close() {
        stopped.countDown();
        closeQuietly(server);
        live.forEach(PeerListener::closeQuietly);
        workers.shutdownNow();
        try {
            acceptor.join(2000);
            if (!workers.awaitTermination(2, TimeUnit.SECONDS)) {
                System.err.println("smtp peer on port " + port() + ": connection threads still running after stop");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                hand(server.accept());
            } catch (IOException e) {
                if (!server.isClosed()) {
                    System.err.println("smtp peer on port " + port() + ": accept failed: " + e);
                }
            }
        }
    }

    private void hand(Socket socket) {
        live.add(socket);
        // Checked after adding, so close() either sees this socket or we see that it ran.
        if (stopped.getCount() == 0) {
            forget(socket);
            return;
        }
        if (!slots.tryAcquire()) {
            refuse(socket);
            return;
        }
        try {
            workers.execute(() -> {
                try {
                    session.accept(socket, stopped);
                } finally {
                    forget(socket);
                    slots.release();
                }
            });
        } catch (RejectedExecutionException e) {
            slots.release();
            refuse(socket); // stopping
        }
    }

    /** RFC 5321 §3.8: a server that cannot serve says 421 and closes. */
    private void refuse(Socket socket) {
        try (OutputStream out = socket.getOutputStream()) {
            out.write("421 4.3.2 too many connections, try later\r\n".getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            // the client is gone already
        }
        forget(socket);
    }

    private void forget(Socket socket) {
        live.remove(socket);
        closeQuietly(socket);
    }

    private static void closeQuietly(java.io.Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
