package dev.postino.delivery;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The names of mails the delivery workers took off a queue while a postmaster action was looking
 * at a snapshot of it. Such a mail is no longer where the snapshot saw it: the action skips it
 * instead of asking the queue to remove it by name, which on James's ActiveMQ queue is a selector
 * scan that waits 2 s before it concludes the mail is gone (issue 9 §4: a flush of 10,000
 * deferred mails spent most of its time in those waits).
 *
 * <p>Names are kept only while a {@link Watch} is open, so nothing grows between actions. One
 * per {@code RouteByMx}, shared by its {@link DeliveryWorker} and its {@link OutboundQueue}.
 */
public final class Departures {
    private final CopyOnWriteArrayList<Watch> watches = new CopyOnWriteArrayList<>();

    /** Opened before the snapshot is taken, closed when the action is done. */
    Watch watch() {
        Watch watch = new Watch();
        watches.add(watch);
        return watch;
    }

    /** A worker took the mail {@code name} off the queue. */
    void left(String name) {
        for (Watch watch : watches) {
            watch.names.add(name);
        }
    }

    /** The departures seen since it was opened. */
    final class Watch implements AutoCloseable {
        private final Set<String> names = ConcurrentHashMap.newKeySet();

        boolean left(String name) {
            return names.contains(name);
        }

        @Override
        public void close() {
            watches.remove(this);
        }
    }
}
