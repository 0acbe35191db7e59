package dev.postino.core.limits;

import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/**
 * One sender's recent sends, oldest first: when each message was accepted (to the millisecond)
 * and how many recipients it had. The sliding windows are counted from it. Immutable and compact
 * (two arrays), so a store can keep one per sender and swap it atomically; its size is bounded by
 * what the sender may send in a day, as entries older than {@link Window#RETENTION} are dropped
 * on every write ({@link #since}).
 */
public final class SendLog {
    private static final SendLog EMPTY = new SendLog(new long[0], new int[0]);

    private final long[] at;
    private final int[] recipients;

    private SendLog(long[] at, int[] recipients) {
        this.at = at;
        this.recipients = recipients;
    }

    public static SendLog empty() {
        return EMPTY;
    }

    public boolean isEmpty() {
        return at.length == 0;
    }

    public int size() {
        return at.length;
    }

    /** This log with one more send, kept in time order. */
    public SendLog plus(Instant when, int recipientCount) {
        if (recipientCount < 0) {
            throw new IllegalArgumentException("recipients must be 0 or more, got " + recipientCount);
        }
        long millis = when.toEpochMilli();
        int position = at.length;
        while (position > 0 && at[position - 1] > millis) {
            position--;
        }
        long[] newAt = new long[at.length + 1];
        int[] newRecipients = new int[at.length + 1];
        System.arraycopy(at, 0, newAt, 0, position);
        System.arraycopy(recipients, 0, newRecipients, 0, position);
        newAt[position] = millis;
        newRecipients[position] = recipientCount;
        System.arraycopy(at, position, newAt, position + 1, at.length - position);
        System.arraycopy(recipients, position, newRecipients, position + 1, at.length - position);
        return new SendLog(newAt, newRecipients);
    }

    /** This log without one send made at {@code when} with that many recipients (unchanged if none). */
    public SendLog minus(Instant when, int recipientCount) {
        long millis = when.toEpochMilli();
        for (int i = at.length - 1; i >= 0; i--) {
            if (at[i] == millis && recipients[i] == recipientCount) {
                long[] newAt = new long[at.length - 1];
                int[] newRecipients = new int[at.length - 1];
                System.arraycopy(at, 0, newAt, 0, i);
                System.arraycopy(recipients, 0, newRecipients, 0, i);
                System.arraycopy(at, i + 1, newAt, i, at.length - i - 1);
                System.arraycopy(recipients, i + 1, newRecipients, i, at.length - i - 1);
                return newAt.length == 0 ? EMPTY : new SendLog(newAt, newRecipients);
            }
        }
        return this;
    }

    /** Only the sends made after {@code cutoff} (itself excluded). */
    public SendLog since(Instant cutoff) {
        int first = firstAfter(cutoff.toEpochMilli());
        if (first == 0) {
            return this;
        }
        if (first == at.length) {
            return EMPTY;
        }
        return new SendLog(Arrays.copyOfRange(at, first, at.length), Arrays.copyOfRange(recipients, first, at.length));
    }

    /** The messages and recipients inside {@code window} at {@code now}. */
    public WindowCount count(Window window, Instant now) {
        int first = firstAfter(now.minus(window.length()).toEpochMilli());
        long total = 0;
        for (int i = first; i < at.length; i++) {
            total += recipients[i];
        }
        Optional<Instant> oldest = first < at.length ? Optional.of(Instant.ofEpochMilli(at[first])) : Optional.empty();
        return new WindowCount(window, at.length - first, total, oldest);
    }

    /**
     * When the window will first hold at most {@code allowed} messages ({@code recipients} false)
     * or recipients (true), no further sends assumed: {@code now} if it already does, else the
     * moment enough of the oldest sends have slid out; empty when {@code allowed} is below 0 (a
     * limit of 0 never frees).
     */
    public Optional<Instant> freesAt(Window window, Instant now, long allowed, boolean countRecipients) {
        if (allowed < 0) {
            return Optional.empty();
        }
        int first = firstAfter(now.minus(window.length()).toEpochMilli());
        long used = 0;
        for (int i = first; i < at.length; i++) {
            used += countRecipients ? recipients[i] : 1;
        }
        for (int i = first; i < at.length && used > allowed; i++) {
            used -= countRecipients ? recipients[i] : 1;
            if (used <= allowed) {
                return Optional.of(Instant.ofEpochMilli(at[i]).plus(window.length()));
            }
        }
        return Optional.of(now);
    }

    private int firstAfter(long cutoffMillis) {
        int low = 0;
        int high = at.length;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (at[middle] <= cutoffMillis) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof SendLog)) {
            return false;
        }
        SendLog that = (SendLog) other;
        return Arrays.equals(at, that.at) && Arrays.equals(recipients, that.recipients);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(at) * 31 + Arrays.hashCode(recipients);
    }

    @Override
    public String toString() {
        return "SendLog[" + at.length + " sends]";
    }
}
