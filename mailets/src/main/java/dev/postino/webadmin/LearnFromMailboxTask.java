package dev.postino.webadmin;

import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.james.core.Username;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.model.FetchGroup;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.model.MessageRange;
import org.apache.james.mailbox.model.MessageResult;
import org.apache.james.mailbox.model.MessageResultIterator;
import org.apache.james.task.Task;
import org.apache.james.task.TaskExecutionDetails;
import org.apache.james.task.TaskType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.postino.core.spam.MessageClass;
import dev.postino.spam.SpamLearning;

/**
 * Learns every message of one user's mailbox folder as spam or ham, reading it through James's
 * {@link MailboxManager} (the user's own view, as IMAP shows it). The store is saved when the task
 * ends. A message that cannot be read is counted as failed and the task ends {@code PARTIAL}
 * (webadmin shows it {@code failed}); the others are still learned.
 */
public class LearnFromMailboxTask implements Task {
    public static final TaskType TYPE = TaskType.of("postino-spam-learn-from-mailbox");
    private static final Logger LOGGER = LoggerFactory.getLogger(LearnFromMailboxTask.class);

    /** What {@code /tasks/{id}} shows while the task runs and after. */
    public static final class Details implements TaskExecutionDetails.AdditionalInformation {
        private final String user;
        private final String folder;
        private final String learnedAs;
        private final long learned;
        private final long failed;
        private final Instant timestamp;

        public Details(String user, String folder, String learnedAs, long learned, long failed, Instant timestamp) {
            this.user = user;
            this.folder = folder;
            this.learnedAs = learnedAs;
            this.learned = learned;
            this.failed = failed;
            this.timestamp = timestamp;
        }

        public String user() {
            return user;
        }

        public String folder() {
            return folder;
        }

        public String learnedAs() {
            return learnedAs;
        }

        public long learned() {
            return learned;
        }

        public long failed() {
            return failed;
        }

        @Override
        public Instant timestamp() {
            return timestamp;
        }
    }

    private final MailboxManager mailboxes;
    private final SpamLearning learning;
    private final Username user;
    private final String folder;
    private final MessageClass kind;
    private final Clock clock;
    private final AtomicLong learned = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    public LearnFromMailboxTask(MailboxManager mailboxes, SpamLearning learning, Username user, String folder,
                                MessageClass kind, Clock clock) {
        this.mailboxes = mailboxes;
        this.learning = learning;
        this.user = user;
        this.folder = folder;
        this.kind = kind;
        this.clock = clock;
    }

    @Override
    public Result run() {
        MailboxSession session = mailboxes.createSystemSession(user);
        try (SpamLearning.Session training = learning.open()) {
            MessageManager mailbox = mailboxes.getMailbox(MailboxPath.forUser(user, folder), session);
            MessageResultIterator messages = mailbox.getMessages(MessageRange.all(), FetchGroup.FULL_CONTENT, session);
            while (messages.hasNext()) {
                MessageResult message = messages.next();
                try (InputStream content = message.getFullContent().getInputStream()) {
                    training.learn(content, kind);
                    learned.incrementAndGet();
                } catch (Exception e) {
                    failed.incrementAndGet();
                    LOGGER.warn("user={} folder={} uid={} not learned: {}", user.asString(), folder, message.getUid(),
                        e.toString());
                }
            }
        } catch (Exception e) {
            LOGGER.error("user={} folder={} learning as {} stopped after {} messages", user.asString(), folder,
                name(kind), learned.get(), e);
            return Result.PARTIAL;
        } finally {
            mailboxes.endProcessingRequest(session);
        }
        LOGGER.info("user={} folder={} learned {} messages as {} ({} failed)", user.asString(), folder, learned.get(),
            name(kind), failed.get());
        return failed.get() == 0 ? Result.COMPLETED : Result.PARTIAL;
    }

    @Override
    public TaskType type() {
        return TYPE;
    }

    @Override
    public Optional<TaskExecutionDetails.AdditionalInformation> details() {
        return Optional.of(new Details(user.asString(), folder, name(kind), learned.get(), failed.get(),
            clock.instant()));
    }

    static String name(MessageClass kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }
}
