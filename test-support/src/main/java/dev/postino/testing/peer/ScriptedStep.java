package dev.postino.testing.peer;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * One scripted answer, registered by {@link StepBuilder}. It applies once unless {@link #times}
 * or {@link #always} say otherwise; set the count before the traffic that consumes it.
 */
public final class ScriptedStep {

    /** What the peer does instead of its default reply. */
    enum Action {
        REPLY,
        /** Close the socket without answering. */
        DISCONNECT,
        /** Never answer, so the client times out; released when the peer stops. */
        HANG
    }

    private static final int ALWAYS = -1;

    private final Object lock;
    private final Action action;
    private final List<String> lines;
    private final Duration delay;
    private final CountDownLatch release;
    private int remaining = 1; // guarded by lock; ALWAYS never runs out

    ScriptedStep(Object lock, Action action, List<String> lines, Duration delay, CountDownLatch release) {
        this.lock = lock;
        this.action = action;
        this.lines = List.copyOf(lines);
        this.delay = delay;
        this.release = release;
    }

    /** Applies to the next {@code count} commands of its phase (or recipient), then the next step or the default. */
    public ScriptedStep times(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("times must be at least 1, got " + count);
        }
        synchronized (lock) {
            remaining = count;
        }
        return this;
    }

    public ScriptedStep once() {
        return times(1);
    }

    /** Applies from now on; steps queued after it for the same phase are never reached. */
    public ScriptedStep always() {
        synchronized (lock) {
            remaining = ALWAYS;
        }
        return this;
    }

    Action action() {
        return action;
    }

    List<String> lines() {
        return lines;
    }

    Duration delay() {
        return delay;
    }

    /** Counted down to zero when the step may act; already zero unless {@link StepBuilder#holdUntil} set it. */
    CountDownLatch release() {
        return release;
    }

    /** Takes one use; the caller holds the script's lock. */
    boolean consume() {
        if (remaining == 0) {
            return false;
        }
        if (remaining > 0) {
            remaining--;
        }
        return true;
    }

    boolean exhausted() {
        return remaining == 0;
    }

    @Override
    public String toString() {
        return action == Action.REPLY ? String.join(" / ", lines) : action.name();
    }
}
