package dev.postino.webadmin;

import java.util.List;

import org.apache.james.webadmin.utils.ErrorResponder;
import org.eclipse.jetty.http.HttpStatus;

import spark.Request;

/**
 * One page of a listing that can be long (a queue of 100,000 mails, every destination since start):
 * {@code ?limit=} items (default {@value #DEFAULT_LIMIT}, at most {@value #MAX_LIMIT}) after
 * {@code ?offset=} (default 0). A bad value is a 400 naming the parameter.
 */
final class Page {
    static final String LIMIT = "limit";
    static final String OFFSET = "offset";
    static final int DEFAULT_LIMIT = 1000;
    static final int MAX_LIMIT = 10_000;

    private final int limit;
    private final int offset;

    private Page(int limit, int offset) {
        this.limit = limit;
        this.offset = offset;
    }

    static Page of(Request request) {
        return new Page(count(request, LIMIT, DEFAULT_LIMIT, 1, MAX_LIMIT), count(request, OFFSET, 0, 0, Integer.MAX_VALUE));
    }

    /** How many of the first items in order a listing needs to keep to answer this page. */
    long kept() {
        return (long) offset + limit;
    }

    /** This page of items already in order. */
    <T> List<T> of(List<T> ordered) {
        int from = Math.min(offset, ordered.size());
        return ordered.subList(from, (int) Math.min(ordered.size(), from + (long) limit));
    }

    private static int count(Request request, String name, int absent, int min, int max) {
        String value = request.queryParams(name);
        if (value == null) {
            return absent;
        }
        try {
            int number = Integer.parseInt(value);
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw ErrorResponder.builder()
            .statusCode(HttpStatus.BAD_REQUEST_400)
            .type(ErrorResponder.ErrorType.INVALID_ARGUMENT)
            .message("Invalid '%s' query parameter '%s': must be a whole number from %d to %d", name, value, min, max)
            .haltError();
    }
}
