package dev.postino.delivery;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A socket's output with a time limit on every write. Java sockets time out reads only, so a
 * server that stops reading would block a delivery thread forever on a full TCP window; here a
 * watchdog closes the socket when one write takes longer than the limit (RFC 5321 §4.5.3.2.5
 * data block timeout: the limit applies to each send, not to the whole message), and the write
 * then fails as a {@link SocketTimeoutException}.
 */
final class TimedOutputStream extends OutputStream {
    /** Runs one blocking write. */
    private interface Write {
        void run() throws IOException;
    }

    private final Socket socket;
    private final OutputStream out;
    private final ScheduledExecutorService watchdog;
    private volatile Duration timeout = Duration.ofMinutes(3);
    private volatile boolean expired;

    /** Writes to {@code out}; closes {@code socket} (the one under {@code out}) when a write takes too long. */
    TimedOutputStream(OutputStream out, Socket socket, ScheduledExecutorService watchdog) {
        this.socket = socket;
        this.out = out;
        this.watchdog = watchdog;
    }

    /** The limit for each following write (and flush). */
    void timeout(Duration limit) {
        this.timeout = limit;
    }

    /** True once the watchdog closed the socket: whatever failed afterwards failed because of it. */
    boolean expired() {
        return expired;
    }

    @Override
    public void write(int b) throws IOException {
        guarded(() -> out.write(b));
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        guarded(() -> out.write(bytes, offset, length));
    }

    @Override
    public void flush() throws IOException {
        guarded(out::flush);
    }

    /** Does not close the socket: the wire owns it. */
    @Override
    public void close() {
    }

    private void guarded(Write write) throws IOException {
        Duration limit = timeout;
        ScheduledFuture<?> alarm = watchdog.schedule(this::expire, Math.max(1, limit.toMillis()), TimeUnit.MILLISECONDS);
        try {
            write.run();
        } catch (IOException e) {
            if (expired) {
                SocketTimeoutException timedOut = new SocketTimeoutException("write blocked longer than " + limit);
                timedOut.initCause(e);
                throw timedOut;
            }
            throw e;
        } finally {
            alarm.cancel(false);
        }
    }

    private void expire() {
        expired = true;
        try {
            socket.close();
        } catch (IOException e) {
            // closing is all we wanted
        }
    }
}
