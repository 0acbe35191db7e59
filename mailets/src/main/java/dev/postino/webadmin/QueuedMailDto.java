package dev.postino.webadmin;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import dev.postino.core.queue.QueueShape;
import dev.postino.core.queue.QueuedMail;
import dev.postino.core.retry.AttemptResult;
import dev.postino.core.retry.RecipientRecord;
import dev.postino.delivery.OutboundQueue;

/** One mail of {@code GET /postino/queue/{domain}}, showing its recipients in that domain only. */
@JsonPropertyOrder({"id", "queue", "location", "sender", "recipients", "arrival", "attempts", "lastReply", "nextAttempt"})
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public final class QueuedMailDto {
    private final String queue;
    /** The view and its place only: the page must not keep the mails themselves (their messages). */
    private final QueuedMail view;
    private final OutboundQueue.Location location;
    private final List<RecipientRecord> recipients;

    QueuedMailDto(String queue, OutboundQueue.Entry entry, String domain) {
        this.queue = queue;
        this.view = entry.view();
        this.location = entry.location();
        this.recipients = view.pendingIn(domain);
    }

    /** James's mail name: what {@code DELETE /postino/queue/mails/{id}} takes. */
    public String getId() {
        return view.id();
    }

    public String getQueue() {
        return queue;
    }

    /** {@code queue}, or {@code deferred} when parked in the deferred repository. */
    public String getLocation() {
        return location.name().toLowerCase(Locale.ROOT);
    }

    /** The envelope sender; empty for the null sender. */
    public String getSender() {
        return view.sender();
    }

    public List<RecipientDto> getRecipients() {
        return recipients.stream().map(RecipientDto::new).collect(Collectors.toList());
    }

    public Instant getArrival() {
        return view.history().arrival();
    }

    public int getAttempts() {
        return view.history().attempts();
    }

    /** The most recent failure among these recipients: the remote's reply, or our words when none. */
    public Optional<String> getLastReply() {
        return QueueShape.lastFailure(recipients).map(QueueShape::words);
    }

    public Optional<Instant> getNextAttempt() {
        return view.history().nextAttempt();
    }

    /** One recipient and its last attempt. */
    @JsonPropertyOrder({"address", "lastReply", "lastAttempt"})
    @JsonInclude(JsonInclude.Include.NON_ABSENT)
    public static final class RecipientDto {
        private final RecipientRecord record;

        RecipientDto(RecipientRecord record) {
            this.record = record;
        }

        public String getAddress() {
            return record.recipient();
        }

        public Optional<String> getLastReply() {
            return record.last().map(QueueShape::words);
        }

        public Optional<Instant> getLastAttempt() {
            return record.last().map(AttemptResult::at);
        }
    }
}
