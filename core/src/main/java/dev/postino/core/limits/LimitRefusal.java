package dev.postino.core.limits;

import java.time.Instant;
import java.util.Optional;

import dev.postino.core.smtp.SmtpReply;

/**
 * A send refused by a sending limit: which limit, how much of it was used, what the client is
 * told, and when the limit lets the refused send through again (empty for the per-message
 * recipient limit, which no waiting changes, and for a limit of 0).
 */
public final class LimitRefusal {
    private final LimitKind kind;
    private final long limit;
    private final long used;
    private final SmtpReply reply;
    private final Optional<Instant> freesAt;

    LimitRefusal(LimitKind kind, long limit, long used, SmtpReply reply, Optional<Instant> freesAt) {
        this.kind = kind;
        this.limit = limit;
        this.used = used;
        this.reply = reply;
        this.freesAt = freesAt;
    }

    public LimitKind kind() {
        return kind;
    }

    public long limit() {
        return limit;
    }

    /** Messages or recipients already counted against the limit when the send was refused. */
    public long used() {
        return used;
    }

    public SmtpReply reply() {
        return reply;
    }

    public Optional<Instant> freesAt() {
        return freesAt;
    }

    /** For the log: {@code messages-per-hour used=3 limit=3 frees-at=2026-01-01T11:00:00Z}. */
    @Override
    public String toString() {
        return kind.configName() + " used=" + used + " limit=" + LimitText.format(limit)
            + " frees-at=" + freesAt.map(Instant::toString).orElse("-");
    }
}
