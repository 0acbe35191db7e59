package dev.postino.webadmin;

import java.io.IOException;
import java.io.InputStream;

import com.fasterxml.jackson.databind.JsonNode;

import dev.postino.config.JsonFields;
import dev.postino.core.BadField;
import spark.Request;

/**
 * Request bodies of Postino's routes. A body sent as a form ({@code curl -d} without a
 * {@code Content-Type}) is read by the servlet container as form fields before any route sees it,
 * so an empty body names the {@code Content-Type} to send instead.
 */
final class RequestBodies {
    private static final String FORM = "application/x-www-form-urlencoded";

    private RequestBodies() {
    }

    /** The JSON body; a {@link BadField} naming {@code body} when it is empty or not JSON. */
    static JsonNode json(Request request) {
        String body = request.body();
        if (body == null || body.isBlank()) {
            throw new BadField("body", "a JSON object is required" + hint(request, "application/json"));
        }
        return JsonFields.parse(body);
    }

    /**
     * The raw body, at most {@code maxBytes}: refused by its declared length before reading, else
     * once read ({@link WebadminErrors#tooLarge}, 413).
     */
    static byte[] raw(Request request, int maxBytes, String contentType) throws IOException {
        long declared = request.raw().getContentLengthLong();
        if (declared > maxBytes) {
            throw tooLarge(declared, maxBytes);
        }
        byte[] body;
        try (InputStream in = request.raw().getInputStream()) {
            body = in.readNBytes(maxBytes + 1);
        }
        if (body.length > maxBytes) {
            throw tooLarge(body.length, maxBytes);
        }
        if (body.length == 0) {
            throw WebadminErrors.badRequest("body", "a raw RFC 5322 message is required" + hint(request, contentType));
        }
        return body;
    }

    /** What to say of an empty body that was sent as a form: which Content-Type to send instead; else nothing. */
    static String hint(Request request, String contentType) {
        String sent = request.contentType();
        return sent != null && sent.startsWith(FORM)
            ? " (it was sent as a form, " + FORM + ": send it with Content-Type: " + contentType + ")" : "";
    }

    private static spark.HaltException tooLarge(long bytes, int maxBytes) {
        return WebadminErrors.tooLarge("body: the message is " + bytes + " bytes, more than the " + maxBytes
            + " a request takes");
    }
}
