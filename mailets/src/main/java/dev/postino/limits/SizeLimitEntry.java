package dev.postino.limits;

import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.postino.config.JsonFields;
import dev.postino.core.BadField;
import dev.postino.core.size.SizeLimits;
import dev.postino.core.size.SizeLimitsConfig;

/**
 * The size limits webadmin sets for one domain or user: the most its senders may submit and the
 * most its addresses may receive, either or both. As JSON (requests and {@code size-limits.json}):
 * {@code {"submission": "10M", "inbound": "unlimited"}}; a value is a size as in
 * {@code postino.properties} ({@code 512K}, {@code 10M}), {@code unlimited}, or a number of bytes.
 */
public final class SizeLimitEntry {
    public static final String SUBMISSION = "submission";
    public static final String INBOUND = "inbound";
    private static final Set<String> FIELDS = Set.of(SUBMISSION, INBOUND);

    private final OptionalLong submission;
    private final OptionalLong inbound;

    public SizeLimitEntry(OptionalLong submission, OptionalLong inbound) {
        if (submission.isEmpty() && inbound.isEmpty()) {
            throw new BadField(SUBMISSION, "give " + SUBMISSION + ", " + INBOUND + " or both");
        }
        this.submission = submission;
        this.inbound = inbound;
    }

    /** @throws BadField naming the first bad field */
    public static SizeLimitEntry read(JsonNode json) {
        JsonFields fields = JsonFields.of(json, "", FIELDS);
        return new SizeLimitEntry(limit(fields, SUBMISSION), limit(fields, INBOUND));
    }

    private static OptionalLong limit(JsonFields fields, String name) {
        if (fields.value(name).isEmpty()) {
            return OptionalLong.empty();
        }
        JsonNode value = fields.value(name).get();
        if (value.isIntegralNumber() && value.canConvertToLong() && value.longValue() >= 0) {
            return OptionalLong.of(value.longValue());
        }
        if (!value.isTextual()) {
            throw new BadField(name, "must be a size such as \"10M\", \"unlimited\" or a number of bytes, got " + value);
        }
        try {
            return OptionalLong.of(SizeLimitsConfig.parseLimit(value.asText()));
        } catch (IllegalArgumentException e) {
            throw new BadField(name, e.getMessage());
        }
    }

    /** {@code {"submission": "10M"}}: the sizes written as configuration writes them. */
    public ObjectNode write() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        submission.ifPresent(bytes -> json.put(SUBMISSION, SizeLimitsConfig.formatLimit(bytes)));
        inbound.ifPresent(bytes -> json.put(INBOUND, SizeLimitsConfig.formatLimit(bytes)));
        return json;
    }

    public OptionalLong submission() {
        return submission;
    }

    public OptionalLong inbound() {
        return inbound;
    }

    /** The limit of one direction, {@link #SUBMISSION} or {@link #INBOUND}. */
    public OptionalLong limit(String direction) {
        if (direction.equals(SUBMISSION)) {
            return submission;
        }
        if (direction.equals(INBOUND)) {
            return inbound;
        }
        throw new IllegalArgumentException("no direction " + direction);
    }

    /** Adds these limits for {@code key} (a domain, or an address when it holds '@') to {@code limits}. */
    void applyTo(String key, SizeLimits.Builder limits) {
        boolean user = SizeLimitKey.isUser(key);
        submission.ifPresent(bytes -> {
            if (user) {
                limits.submissionUser(key, bytes);
            } else {
                limits.submissionDomain(key, bytes);
            }
        });
        inbound.ifPresent(bytes -> {
            if (user) {
                limits.inboundUser(key, bytes);
            } else {
                limits.inboundDomain(key, bytes);
            }
        });
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SizeLimitEntry && submission.equals(((SizeLimitEntry) o).submission)
            && inbound.equals(((SizeLimitEntry) o).inbound);
    }

    @Override
    public int hashCode() {
        return Objects.hash(submission, inbound);
    }

    @Override
    public String toString() {
        return write().toString();
    }
}
