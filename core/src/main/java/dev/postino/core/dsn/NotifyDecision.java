package dev.postino.core.dsn;

import java.util.Objects;

/** Whether a DSN goes out for one recipient and event, and why, for the log line. Immutable. */
public final class NotifyDecision {
    private final boolean send;
    private final String reason;

    private NotifyDecision(boolean send, String reason) {
        this.send = send;
        this.reason = reason;
    }

    static NotifyDecision send(String reason) {
        return new NotifyDecision(true, reason);
    }

    static NotifyDecision suppress(String reason) {
        return new NotifyDecision(false, reason);
    }

    public boolean send() {
        return send;
    }

    /** E.g. {@code null sender}, {@code spam}, {@code notify=never}, {@code notify=failure,delay (default)}. */
    public String reason() {
        return reason;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof NotifyDecision)) {
            return false;
        }
        NotifyDecision that = (NotifyDecision) o;
        return send == that.send && reason.equals(that.reason);
    }

    @Override
    public int hashCode() {
        return Objects.hash(send, reason);
    }

    @Override
    public String toString() {
        return (send ? "send" : "no DSN") + " (" + reason + ")";
    }
}
