package dev.postino.webadmin;

import java.io.IOException;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.webadmin.Constants;
import org.apache.james.webadmin.Routes;
import org.apache.james.webadmin.utils.ErrorResponder;
import org.eclipse.jetty.http.HttpStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.postino.config.ChangedOnDiskException;
import dev.postino.core.limits.LimitSet;
import dev.postino.core.limits.SendingLimiter;
import dev.postino.sending.LimitJson;
import dev.postino.sending.LimitTarget;
import dev.postino.sending.SendingLimitSettings;
import spark.Request;
import spark.Response;
import spark.Service;

/**
 * Webadmin routes for sending limits. A target is a user ({@code alice@a.test}) or a domain
 * ({@code a.test}); an override sets some of the five limits for it, the others being inherited
 * (user, then domain, then postino.properties, then built-in).
 *
 * <ul>
 *   <li>{@code GET /postino/sending-limits}: defaults, postino.properties entries and overrides.</li>
 *   <li>{@code GET /postino/sending-limits/{target}}: the target's override; 404 if none.</li>
 *   <li>{@code PUT /postino/sending-limits/{target}} with {@code {"messagesPerHour": 3, ...}}:
 *       sets (replaces) the override, saved to {@code var/postino/sending-limits.json} and in
 *       force for the next message; 204.</li>
 *   <li>{@code DELETE /postino/sending-limits/{target}}: removes it; 204, or 404 if none.</li>
 *   <li>{@code GET /postino/sending-limits/{user}/usage}: the user's limits in force and where
 *       each comes from, the hour and day windows, and when the next message is accepted.</li>
 * </ul>
 *
 * Bad input is a 400 whose message names the field (or the target). Listed in
 * {@code webadmin.properties}: {@code extensions.routes=dev.postino.webadmin.SendingLimitsRoutes}.
 */
public class SendingLimitsRoutes implements Routes {
    public static final String BASE = "/postino/sending-limits";
    private static final Logger LOGGER = LoggerFactory.getLogger(SendingLimitsRoutes.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String TARGET = ":target";

    private final SendingLimitSettings settings;
    private final SendingLimiter limiter;

    @Inject
    public SendingLimitsRoutes(SendingLimitSettings settings, SendingLimiter limiter) {
        this.settings = settings;
        this.limiter = limiter;
    }

    @Override
    public String getBasePath() {
        return BASE;
    }

    @Override
    public void define(Service service) {
        service.get(BASE, (request, response) -> json(SendingLimitsViews.overview(settings)));
        service.get(BASE + "/" + TARGET + "/usage", this::usage);
        service.get(BASE + "/" + TARGET, this::get);
        service.put(BASE + "/" + TARGET, this::put);
        service.delete(BASE + "/" + TARGET, this::delete);
    }

    private Object get(Request request, Response response) throws JsonProcessingException {
        LimitTarget target = target(request);
        Optional<LimitSet> override = settings.overrides().get(target);
        if (override.isEmpty()) {
            throw notFound(target);
        }
        return json(LimitJson.write(override.get()));
    }

    private Object put(Request request, Response response) {
        LimitTarget target = target(request);
        LimitSet limits;
        try {
            limits = LimitJson.parse(request.body());
        } catch (IllegalArgumentException e) {
            String body = request.body();
            throw badRequest(e.getMessage() + (body == null || body.isBlank() ? RequestBodies.hint(request, "application/json") : ""));
        }
        try {
            settings.overrides().put(target, limits);
        } catch (ChangedOnDiskException e) {
            throw WebadminErrors.changedOnDisk(e);
        } catch (IOException e) {
            throw serverError("cannot save " + settings.overrides().file(), e);
        }
        LOGGER.info("sending-limit override of {} set to {}", target, limits);
        response.status(HttpStatus.NO_CONTENT_204);
        return Constants.EMPTY_BODY;
    }

    private Object delete(Request request, Response response) {
        LimitTarget target = target(request);
        boolean removed;
        try {
            removed = settings.overrides().remove(target);
        } catch (ChangedOnDiskException e) {
            throw WebadminErrors.changedOnDisk(e);
        } catch (IOException e) {
            throw serverError("cannot save " + settings.overrides().file(), e);
        }
        if (!removed) {
            throw notFound(target);
        }
        LOGGER.info("sending-limit override of {} removed", target);
        response.status(HttpStatus.NO_CONTENT_204);
        return Constants.EMPTY_BODY;
    }

    private Object usage(Request request, Response response) throws JsonProcessingException {
        LimitTarget target = target(request);
        if (!target.isUser()) {
            throw badRequest("target: usage is counted per user; '" + target.name() + "' is a domain");
        }
        return json(SendingLimitsViews.usage(limiter.usage(target.name())));
    }

    private static LimitTarget target(Request request) {
        try {
            return LimitTarget.parse(request.params(TARGET));
        } catch (IllegalArgumentException e) {
            throw badRequest("target: " + e.getMessage());
        }
    }

    private static String json(JsonNode node) throws JsonProcessingException {
        return MAPPER.writeValueAsString(node);
    }

    private static RuntimeException badRequest(String message) {
        return ErrorResponder.builder().statusCode(HttpStatus.BAD_REQUEST_400).type(ErrorResponder.ErrorType.INVALID_ARGUMENT)
            .message(message).haltError();
    }

    private static RuntimeException notFound(LimitTarget target) {
        return ErrorResponder.builder().statusCode(HttpStatus.NOT_FOUND_404).type(ErrorResponder.ErrorType.NOT_FOUND)
            .message("no sending-limit override for %s", target).haltError();
    }

    private static RuntimeException serverError(String message, Exception cause) {
        LOGGER.error(message, cause);
        return ErrorResponder.builder().statusCode(HttpStatus.INTERNAL_SERVER_ERROR_500)
            .type(ErrorResponder.ErrorType.SERVER_ERROR).message(message).cause(cause).haltError();
    }
}
