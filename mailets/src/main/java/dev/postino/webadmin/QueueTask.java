package dev.postino.webadmin;

import java.time.Clock;
import java.util.Optional;

import org.apache.james.task.Task;
import org.apache.james.task.TaskExecutionDetails;
import org.apache.james.task.TaskType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.postino.delivery.OutboundQueue;
import dev.postino.delivery.OutboundRegistry;
import dev.postino.delivery.QueueActions;

/**
 * {@code POST /postino/queue/{domain}?action=flush|bounce} as a James task: it visits every mail
 * of every registered queue, which can take a while on a big queue. Its details (domain, mails
 * acted on, mails skipped because a worker was delivering them) appear in {@code /tasks/{id}}.
 */
public final class QueueTask implements Task {
    private static final Logger LOGGER = LoggerFactory.getLogger(QueueTask.class);

    /** What the task does to the domain's mail. */
    public enum Action {
        FLUSH("postino-queue-flush"), BOUNCE("postino-queue-bounce");

        private final TaskType type;

        Action(String type) {
            this.type = TaskType.of(type);
        }

        public TaskType type() {
            return type;
        }
    }

    private final OutboundRegistry registry;
    private final Action action;
    private final String domain;
    private final Clock clock;
    private final QueueActions.Count count = new QueueActions.Count();

    QueueTask(OutboundRegistry registry, Action action, String domain, Clock clock) {
        this.registry = registry;
        this.action = action;
        this.domain = domain;
        this.clock = clock;
    }

    @Override
    public Result run() {
        Result result = Result.COMPLETED;
        for (OutboundQueue queue : registry.queues()) {
            try {
                QueueActions actions = new QueueActions(queue);
                QueueActions.Count done = action == Action.FLUSH ? actions.flush(domain) : actions.bounce(domain);
                synchronized (count) {
                    count.add(done);
                }
            } catch (Exception e) {
                LOGGER.error("{} of {} in queue {} failed", action, domain, queue.name(), e);
                result = Result.PARTIAL;
            }
        }
        LOGGER.info("postmaster {} of {}: mails={} busy={} result={}", action, domain, count.mails(), count.busy(), result);
        return result;
    }

    @Override
    public TaskType type() {
        return action.type();
    }

    @Override
    public Optional<TaskExecutionDetails.AdditionalInformation> details() {
        synchronized (count) {
            return Optional.of(action == Action.FLUSH
                ? new QueueTaskDetails.Flush(domain, count.mails(), count.busy(), clock.instant())
                : new QueueTaskDetails.Bounce(domain, count.mails(), count.busy(), clock.instant()));
        }
    }
}
