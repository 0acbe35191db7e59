package dev.postino.core.deliverability;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link OutgoingHeaderPolicy} decided for one outgoing message: header names to remove,
 * a {@code Message-ID} and a {@code Date} to add, and the new value of the topmost
 * {@code Received} header. Empty parts mean "leave as it is".
 */
public final class HeaderCleanup {
    private final List<String> removals;
    private final String messageId;
    private final String date;
    private final String firstReceived;

    HeaderCleanup(List<String> removals, String messageId, String date, String firstReceived) {
        this.removals = List.copyOf(removals);
        this.messageId = messageId;
        this.date = date;
        this.firstReceived = firstReceived;
    }

    /** Header names to remove, every occurrence, as they were written in the message. */
    public List<String> removals() {
        return removals;
    }

    public Optional<String> messageIdToAdd() {
        return Optional.ofNullable(messageId);
    }

    public Optional<String> dateToAdd() {
        return Optional.ofNullable(date);
    }

    /** The topmost Received header's new value, when it changes. */
    public Optional<String> firstReceivedReplacement() {
        return Optional.ofNullable(firstReceived);
    }

    public boolean changesNothing() {
        return removals.isEmpty() && messageId == null && date == null && firstReceived == null;
    }

    /**
     * True when the cleanup only drops our own tags ({@code X-Spam-*}, {@code X-Postino-*}), which
     * every relayed mail carries: routine, unlike a Bcc removed, a Message-ID or Date added or the
     * submitter's address hidden.
     */
    public boolean onlyDropsOurTags() {
        return messageId == null && date == null && firstReceived == null
            && removals.stream().noneMatch("bcc"::equalsIgnoreCase);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof HeaderCleanup)) {
            return false;
        }
        HeaderCleanup that = (HeaderCleanup) o;
        return removals.equals(that.removals) && Objects.equals(messageId, that.messageId)
            && Objects.equals(date, that.date) && Objects.equals(firstReceived, that.firstReceived);
    }

    @Override
    public int hashCode() {
        return Objects.hash(removals, messageId, date, firstReceived);
    }

    @Override
    public String toString() {
        return "remove=" + removals + (messageId == null ? "" : " add Message-ID") + (date == null ? "" : " add Date")
            + (firstReceived == null ? "" : " hid submitter address");
    }
}
