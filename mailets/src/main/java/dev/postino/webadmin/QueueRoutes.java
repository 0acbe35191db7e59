package dev.postino.webadmin;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

import javax.inject.Inject;

import org.apache.james.task.TaskManager;
import org.apache.james.webadmin.Routes;
import org.apache.james.webadmin.tasks.TaskFromRequestRegistry;
import org.apache.james.webadmin.tasks.TaskRegistrationKey;
import org.apache.james.webadmin.utils.ErrorResponder;
import org.apache.james.webadmin.utils.JsonTransformer;
import org.eclipse.jetty.http.HttpStatus;

import dev.postino.core.queue.QueueDomain;
import dev.postino.core.queue.QueueShape;
import dev.postino.core.queue.QueuedMail;
import dev.postino.delivery.OutboundQueue;
import dev.postino.delivery.OutboundRegistry;
import dev.postino.delivery.QueueActions;
import spark.Request;
import spark.Response;
import spark.Service;

/**
 * The outgoing queue, by recipient domain ({@code RouteByMx}'s queue and its deferred repository):
 *
 * <pre>
 * GET    /postino/queue                          domains: mails, recipients, oldest arrival, next attempt, last error
 * GET    /postino/queue/{domain}                 that domain's mails, oldest first (200 and [] when none);
 *                                                 ?limit= (default 1000, at most 10000) and ?offset= page them (Page)
 * POST   /postino/queue/{domain}?action=flush    task: retry now (and forget the destination was down)
 * POST   /postino/queue/{domain}?action=bounce   task: give up now, failure DSN 5.0.0, copy to the failed repository
 * DELETE /postino/queue/mails/{id}[?notify=false] remove one mail; failure DSN unless notify=false
 * </pre>
 *
 * Listed in {@code webadmin.properties} {@code extensions.routes}.
 */
public class QueueRoutes implements Routes {
    static final String BASE = "/postino/queue";
    private static final Comparator<QueuedMailDto> OLDEST_FIRST =
        Comparator.comparing(QueuedMailDto::getArrival).thenComparing(QueuedMailDto::getId);

    private final OutboundRegistry registry;
    private final TaskManager taskManager;
    private final JsonTransformer json = new JsonTransformer();
    private final Clock clock = Clock.systemUTC();

    @Inject
    public QueueRoutes(OutboundRegistry registry, TaskManager taskManager) {
        this.registry = registry;
        this.taskManager = taskManager;
    }

    @Override
    public String getBasePath() {
        return BASE;
    }

    @Override
    public void define(Service service) {
        service.get(BASE, this::shape, json);
        service.get(BASE + "/:domain", this::mailsOf, json);
        service.post(BASE + "/:domain", TaskFromRequestRegistry.builder()
            .register(TaskRegistrationKey.of("flush"),
                request -> new QueueTask(registry, QueueTask.Action.FLUSH, domain(request), clock))
            .register(TaskRegistrationKey.of("bounce"),
                request -> new QueueTask(registry, QueueTask.Action.BOUNCE, domain(request), clock))
            .buildAsRoute(taskManager), json);
        service.delete(BASE + "/mails/:id", this::remove);
    }

    private List<DomainSummaryDto> shape(Request request, Response response) throws Exception {
        List<QueuedMail> mails = new ArrayList<>();
        for (OutboundQueue queue : registry.queues()) {
            queue.forEachEntry(entry -> mails.add(entry.view()));
        }
        List<DomainSummaryDto> rows = new ArrayList<>();
        QueueShape.byDomain(mails).forEach(summary -> rows.add(new DomainSummaryDto(summary)));
        return rows;
    }

    /**
     * One page of the domain's mails, oldest first: never the whole of a 100,000-mail queue in one
     * response. Only the page's mails are kept while the queue is read (a heap of the oldest); the
     * queue is read one mail at a time ({@link OutboundQueue#forEachEntry}).
     */
    private List<QueuedMailDto> mailsOf(Request request, Response response) throws Exception {
        String domain = domain(request);
        Page page = Page.of(request);
        PriorityQueue<QueuedMailDto> newest = new PriorityQueue<>(OLDEST_FIRST.reversed());
        for (OutboundQueue queue : registry.queues()) {
            queue.forEachEntry(entry -> {
                if (!entry.view().pendingIn(domain).isEmpty()) {
                    newest.add(new QueuedMailDto(queue.name(), entry, domain));
                    if (newest.size() > page.kept()) {
                        newest.poll();
                    }
                }
            });
        }
        List<QueuedMailDto> mails = new ArrayList<>(newest);
        mails.sort(OLDEST_FIRST);
        return page.of(mails);
    }

    private String remove(Request request, Response response) throws Exception {
        String id = request.params(":id");
        boolean notify = notifyParameter(request.queryParams("notify"));
        for (OutboundQueue queue : registry.queues()) {
            if (new QueueActions(queue).remove(id, notify)) {
                response.status(HttpStatus.NO_CONTENT_204);
                return "";
            }
        }
        throw ErrorResponder.builder()
            .statusCode(HttpStatus.NOT_FOUND_404)
            .type(ErrorResponder.ErrorType.NOT_FOUND)
            .message("No mail '%s' waits in the outgoing queue (it may have been delivered, or be in delivery now)", id)
            .haltError();
    }

    private static boolean notifyParameter(String value) {
        if (value == null || value.equals("true")) {
            return true;
        }
        if (value.equals("false")) {
            return false;
        }
        throw ErrorResponder.builder()
            .statusCode(HttpStatus.BAD_REQUEST_400)
            .type(ErrorResponder.ErrorType.INVALID_ARGUMENT)
            .message("Invalid 'notify' query parameter '%s': must be true or false", value)
            .haltError();
    }

    static String domain(Request request) {
        String raw = request.params(":domain");
        try {
            return QueueDomain.parse(raw);
        } catch (IllegalArgumentException e) {
            throw ErrorResponder.builder()
                .statusCode(HttpStatus.BAD_REQUEST_400)
                .type(ErrorResponder.ErrorType.INVALID_ARGUMENT)
                .message("Invalid 'domain' path parameter '%s': %s", raw, e.getMessage())
                .haltError();
        }
    }
}
