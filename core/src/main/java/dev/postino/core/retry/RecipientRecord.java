package dev.postino.core.retry;

import java.util.Objects;
import java.util.Optional;

/**
 * Where one recipient of a mail stands: still to be delivered, delivered, or failed for good,
 * with the result of the last attempt made for it. Immutable.
 *
 * <p>The state and the last result must agree: a pending recipient has no result yet or a
 * temporary one; a delivered one a delivered result; a failed one a permanent result, or a
 * temporary one when we gave up on it (its status is then 4.4.7, see {@link RetryPolicy}).
 */
public final class RecipientRecord {
    /** The recipient's state across attempts. */
    public enum State {
        PENDING, DELIVERED, FAILED
    }

    private final String recipient;
    private final State state;
    private final Optional<AttemptResult> last;

    private RecipientRecord(String recipient, State state, Optional<AttemptResult> last) {
        this.recipient = recipient;
        this.state = state;
        this.last = last;
    }

    public static RecipientRecord pending(String recipient) {
        return of(recipient, State.PENDING, Optional.empty());
    }

    public static RecipientRecord of(String recipient, State state, Optional<AttemptResult> last) {
        AttemptResult.checkText("recipient", recipient);
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(last, "last");
        if (last.isPresent() && !last.get().recipient().equals(recipient)) {
            throw new IllegalArgumentException("the last result of " + recipient + " is for " + last.get().recipient());
        }
        AttemptResult.Kind kind = last.map(AttemptResult::kind).orElse(null);
        boolean consistent;
        switch (state) {
            case PENDING:
                consistent = kind == null || kind == AttemptResult.Kind.TEMPORARY;
                break;
            case DELIVERED:
                consistent = kind == AttemptResult.Kind.DELIVERED;
                break;
            default:
                consistent = kind == AttemptResult.Kind.PERMANENT || kind == AttemptResult.Kind.TEMPORARY;
                break;
        }
        if (!consistent) {
            throw new IllegalArgumentException("a " + state + " recipient cannot have "
                + (kind == null ? "no result" : "a " + kind + " result") + ": " + recipient);
        }
        return new RecipientRecord(recipient, state, last);
    }

    public String recipient() {
        return recipient;
    }

    public State state() {
        return state;
    }

    public Optional<AttemptResult> last() {
        return last;
    }

    public boolean isPending() {
        return state == State.PENDING;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof RecipientRecord)) {
            return false;
        }
        RecipientRecord that = (RecipientRecord) o;
        return recipient.equals(that.recipient) && state == that.state && last.equals(that.last);
    }

    @Override
    public int hashCode() {
        return Objects.hash(recipient, state, last);
    }

    @Override
    public String toString() {
        return recipient + " " + state + last.map(r -> " last=[" + r + "]").orElse("");
    }
}
