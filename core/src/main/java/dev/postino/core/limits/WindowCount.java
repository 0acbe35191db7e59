package dev.postino.core.limits;

import java.time.Instant;
import java.util.Optional;

/** What one sliding window holds at a given instant. */
public final class WindowCount {
    private final Window window;
    private final long messages;
    private final long recipients;
    private final Optional<Instant> oldest;

    public WindowCount(Window window, long messages, long recipients, Optional<Instant> oldest) {
        this.window = window;
        this.messages = messages;
        this.recipients = recipients;
        this.oldest = oldest;
    }

    public Window window() {
        return window;
    }

    public long messages() {
        return messages;
    }

    public long recipients() {
        return recipients;
    }

    /** When the oldest send in the window leaves it (the next slot to free); empty when empty. */
    public Optional<Instant> nextSlotAt() {
        return oldest.map(at -> at.plus(window.length()));
    }

    @Override
    public String toString() {
        return window.name().toLowerCase(java.util.Locale.ROOT) + ": " + messages + " messages, " + recipients + " recipients";
    }
}
