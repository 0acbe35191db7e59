package dev.postino.delivery;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Closes a TCP socket when a blocking call on it runs past its time. A socket's read timeout
 * restarts with every read of the socket, and one read through TLS (or one handshake) is many of
 * them: a server sending a byte now and then is never caught by it. Closing the socket from the
 * watchdog thread makes the blocked call fail; {@link #disarm()} then says whether that was us.
 * Always close the TCP socket, never a TLS one on top: closing an SSLSocket from another thread
 * while a read or write holds its lock can block the watchdog itself.
 */
final class SocketAlarm {
    private static final int ARMED = 0;
    private static final int FIRED = 1;
    private static final int DISARMED = 2;

    private final Socket socket;
    private final AtomicInteger state = new AtomicInteger(ARMED);
    private final ScheduledFuture<?> alarm;

    private SocketAlarm(Socket socket, long nanos, ScheduledExecutorService watchdog) {
        this.socket = socket;
        this.alarm = watchdog.schedule(this::fire, Math.max(1, nanos), TimeUnit.NANOSECONDS);
    }

    /** Closes {@code socket} after {@code after} unless disarmed first. */
    static SocketAlarm arm(Socket socket, Duration after, ScheduledExecutorService watchdog) {
        // Saturated: a configured limit of centuries must not overflow.
        long nanos = after.compareTo(Duration.ofDays(36_500)) > 0 ? TimeUnit.DAYS.toNanos(36_500) : after.toNanos();
        return new SocketAlarm(socket, nanos, watchdog);
    }

    /**
     * Stops the alarm; true when it went off first, so the socket is closed and the call it
     * guarded counts as timed out, whatever it returned. Safe to call more than once.
     */
    boolean disarm() {
        alarm.cancel(false);
        // Exactly one of fire() and disarm() wins: no socket closed after a call was declared in time.
        return !state.compareAndSet(ARMED, DISARMED) && state.get() == FIRED;
    }

    /** The exception a call the alarm cut short ends with; {@code cause} is what the call saw, or null. */
    static SocketTimeoutException timedOut(String message, IOException cause) {
        SocketTimeoutException timedOut = new SocketTimeoutException(message);
        timedOut.initCause(cause);
        return timedOut;
    }

    private void fire() {
        if (state.compareAndSet(ARMED, FIRED)) {
            try {
                socket.close();
            } catch (IOException e) {
                // closing is all we wanted
            }
        }
    }
}
