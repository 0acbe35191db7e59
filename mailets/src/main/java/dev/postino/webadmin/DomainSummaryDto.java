package dev.postino.webadmin;

import java.time.Instant;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import dev.postino.core.queue.DomainSummary;
import dev.postino.core.queue.QueueShape;
import dev.postino.core.retry.AttemptResult;

/** One row of {@code GET /postino/queue}. */
@JsonPropertyOrder({"domain", "mails", "recipients", "oldestArrival", "nextAttempt", "lastError", "lastErrorAt"})
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public final class DomainSummaryDto {
    private final DomainSummary summary;

    DomainSummaryDto(DomainSummary summary) {
        this.summary = summary;
    }

    public String getDomain() {
        return summary.domain();
    }

    public int getMails() {
        return summary.mails();
    }

    public int getRecipients() {
        return summary.recipients();
    }

    public Instant getOldestArrival() {
        return summary.oldestArrival();
    }

    public Optional<Instant> getNextAttempt() {
        return summary.nextAttempt();
    }

    public Optional<String> getLastError() {
        return summary.lastError().map(QueueShape::words);
    }

    public Optional<Instant> getLastErrorAt() {
        return summary.lastError().map(AttemptResult::at);
    }
}
