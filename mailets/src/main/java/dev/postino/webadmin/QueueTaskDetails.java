package dev.postino.webadmin;

import java.time.Instant;

import org.apache.james.task.TaskExecutionDetails;

/**
 * What a {@link QueueTask} did so far. One class per action, because James finds the JSON form
 * of task details by their class ({@link QueueTaskModule}).
 */
public abstract class QueueTaskDetails implements TaskExecutionDetails.AdditionalInformation {
    private final String domain;
    private final int mails;
    private final int busy;
    private final Instant timestamp;

    QueueTaskDetails(String domain, int mails, int busy, Instant timestamp) {
        this.domain = domain;
        this.mails = mails;
        this.busy = busy;
        this.timestamp = timestamp;
    }

    public String domain() {
        return domain;
    }

    /** Mails retried now, or given up on for the domain. */
    public int mails() {
        return mails;
    }

    /** Mails skipped because a worker was delivering them at that instant. */
    public int busy() {
        return busy;
    }

    @Override
    public Instant timestamp() {
        return timestamp;
    }

    /** Details of a flush. */
    public static final class Flush extends QueueTaskDetails {
        Flush(String domain, int mails, int busy, Instant timestamp) {
            super(domain, mails, busy, timestamp);
        }
    }

    /** Details of a bounce. */
    public static final class Bounce extends QueueTaskDetails {
        Bounce(String domain, int mails, int busy, Instant timestamp) {
            super(domain, mails, busy, timestamp);
        }
    }
}
