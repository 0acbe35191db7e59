package dev.postino.testing.peer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntSupplier;

/** Every connection and accepted message across the peer's life; waits are bounded. */
final class PeerRecording {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final List<ConnectionLog> connections = new ArrayList<>();
    private final List<RecordedMessage> messages = new ArrayList<>();
    private int nextConnectionId = 1;

    ConnectionLog open(String remoteAddress) {
        lock.lock();
        try {
            ConnectionLog log = new ConnectionLog(nextConnectionId++, remoteAddress);
            connections.add(log);
            changed.signalAll();
            return log;
        } finally {
            lock.unlock();
        }
    }

    void accepted(RecordedMessage message) {
        lock.lock();
        try {
            messages.add(message);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    List<RecordedConnection> connections() {
        lock.lock();
        try {
            return connections.stream().map(ConnectionLog::snapshot).toList();
        } finally {
            lock.unlock();
        }
    }

    List<RecordedMessage> messages() {
        lock.lock();
        try {
            return List.copyOf(messages);
        } finally {
            lock.unlock();
        }
    }

    List<RecordedMessage> awaitMessages(int count, Duration timeout) {
        await(count, timeout, messages::size, "messages");
        return messages();
    }

    List<RecordedConnection> awaitConnections(int count, Duration timeout) {
        await(count, timeout, connections::size, "connections");
        return connections();
    }

    /** Keeps connection ids growing, so ids stay unique across a clear. */
    void clear() {
        lock.lock();
        try {
            connections.clear();
            messages.clear();
        } finally {
            lock.unlock();
        }
    }

    private void await(int count, Duration timeout, IntSupplier size, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (size.getAsInt() < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("peer expected " + count + " " + what + " within " + timeout
                        + " but has " + size.getAsInt() + "; messages=" + messages + " connections="
                        + connections.stream().map(ConnectionLog::snapshot).toList());
                }
                changed.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for " + count + " " + what, e);
        } finally {
            lock.unlock();
        }
    }
}
