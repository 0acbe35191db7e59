package dev.postino.webadmin;

import java.time.Clock;


import javax.inject.Inject;

import org.apache.james.core.Username;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.task.TaskManager;
import org.apache.james.user.api.UsersRepository;
import org.apache.james.user.api.UsersRepositoryException;
import org.apache.james.webadmin.Routes;
import org.apache.james.webadmin.tasks.TaskFromRequest;
import org.apache.james.webadmin.utils.JsonTransformer;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.postino.core.spam.MessageClass;
import dev.postino.core.spam.mime.MessageSyntax;
import dev.postino.spam.SpamLearning;
import dev.postino.spam.SpamVerdictCounters;
import reactor.core.publisher.Mono;
import spark.Request;
import spark.Response;
import spark.Service;

/**
 * Training the spam classifier of the running server, and what it knows:
 *
 * <pre>
 * POST /postino/spam/learn?as=spam|ham                       body: one raw RFC 5322 message → 200
 * POST /postino/spam/learn?as=spam&amp;user=U&amp;folder=Junk    a task learning every message of U's folder
 *                                                            → 201 {"taskId": ...}
 * GET  /postino/spam/stats                                   tokens, messages learned, verdicts since start
 * </pre>
 *
 * A body that is not an RFC 5322 message ({@link MessageSyntax}: plain text, JSON, binary data, a
 * first line that is no header field) is refused with 400 naming {@code body} and saying why; nothing
 * is learned. A body over {@link #MAX_MESSAGE_BYTES} is refused with 413 (only the first 512 KiB of a message
 * are learned, as the check reads mail). An unknown user or folder is a 404 before any task starts.
 * Listed in {@code webadmin.properties}: {@code extensions.routes=dev.postino.webadmin.SpamRoutes};
 * the task's counts need {@code guice.extension.task=dev.postino.webadmin.SpamTaskExtension}.
 */
public class SpamRoutes implements Routes {
    public static final String BASE = "/postino/spam";
    public static final int MAX_MESSAGE_BYTES = 10 * 1024 * 1024;
    static final String AS = "as";
    static final String USER = "user";
    static final String FOLDER = "folder";

    private final SpamLearning learning;
    private final SpamVerdictCounters verdicts;
    private final MailboxManager mailboxes;
    private final UsersRepository users;
    private final TaskManager tasks;
    private final JsonTransformer json;

    @Inject
    public SpamRoutes(SpamLearning learning, SpamVerdictCounters verdicts, MailboxManager mailboxes,
                      UsersRepository users, TaskManager tasks, JsonTransformer json) {
        this.learning = learning;
        this.verdicts = verdicts;
        this.mailboxes = mailboxes;
        this.users = users;
        this.tasks = tasks;
        this.json = json;
    }

    @Override
    public String getBasePath() {
        return BASE;
    }

    @Override
    public void define(Service service) {
        service.post(BASE + "/learn", this::learn, json);
        service.get(BASE + "/stats", (request, response) -> stats(), json);
    }

    private Object learn(Request request, Response response) throws Exception {
        MessageClass kind = kind(request.queryParams(AS));
        String user = request.queryParams(USER);
        String folder = request.queryParams(FOLDER);
        if (user != null || folder != null) {
            return learnFolder(user, folder, kind, request, response);
        }
        byte[] message = RequestBodies.raw(request, MAX_MESSAGE_BYTES, "message/rfc822");
        MessageSyntax.problem(message).ifPresent(why -> {
            throw WebadminErrors.badRequest("body", "not an RFC 5322 message, nothing learned: " + why);
        });
        SpamLearning.Stats stats = learning.learn(message, kind);
        ObjectNode answer = JsonNodeFactory.instance.objectNode();
        answer.put("learned", LearnFromMailboxTask.name(kind));
        answer.put("tokens", stats.tokens);
        answer.set("messagesLearned", learned(stats));
        return answer;
    }

    private Object learnFolder(String user, String folder, MessageClass kind, Request request, Response response)
        throws Exception {
        if (user == null || user.isEmpty()) {
            throw WebadminErrors.badRequest(USER, "is required with " + FOLDER + " (the owner of the folder)");
        }
        if (folder == null || folder.isEmpty()) {
            throw WebadminErrors.badRequest(FOLDER, "is required with " + USER + ", e.g. folder=Junk");
        }
        Username owner = username(user);
        MailboxSession session = mailboxes.createSystemSession(owner);
        try {
            Boolean exists = Mono.from(mailboxes.mailboxExists(MailboxPath.forUser(owner, folder), session)).block();
            if (!Boolean.TRUE.equals(exists)) {
                throw WebadminErrors.notFound("user " + user + " has no folder '" + folder + "'");
            }
        } finally {
            mailboxes.endProcessingRequest(session);
        }
        TaskFromRequest task = any -> new LearnFromMailboxTask(mailboxes, learning, owner, folder, kind,
            Clock.systemUTC());
        return task.asRoute(tasks).handle(request, response);
    }

    private Username username(String user) {
        Username owner;
        try {
            owner = Username.of(user);
        } catch (IllegalArgumentException e) {
            throw WebadminErrors.badRequest(USER, "'" + user + "' is not a user name: " + e.getMessage());
        }
        try {
            if (!users.contains(owner)) {
                throw WebadminErrors.notFound("no user " + user);
            }
        } catch (UsersRepositoryException e) {
            throw new IllegalStateException("cannot read the users repository", e);
        }
        return owner;
    }

    private ObjectNode stats() {
        SpamLearning.Stats stats = learning.stats();
        ObjectNode answer = JsonNodeFactory.instance.objectNode();
        answer.put("store", stats.store.toString());
        answer.put("tokens", stats.tokens);
        answer.set("messagesLearned", learned(stats));
        answer.put("classifierActive", stats.trained);
        ObjectNode counts = answer.putObject("verdictsSinceStart");
        verdicts.snapshot().forEach(counts::put);
        return answer;
    }

    private static ObjectNode learned(SpamLearning.Stats stats) {
        ObjectNode learned = JsonNodeFactory.instance.objectNode();
        learned.put("spam", stats.spam);
        learned.put("ham", stats.ham);
        return learned;
    }

    private static MessageClass kind(String as) {
        if ("spam".equals(as)) {
            return MessageClass.SPAM;
        }
        if ("ham".equals(as)) {
            return MessageClass.HAM;
        }
        throw WebadminErrors.badRequest(AS, as == null ? "is required: as=spam or as=ham"
            : "must be spam or ham, got '" + as + "'");
    }
}
