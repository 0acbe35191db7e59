package dev.postino.sending;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.postino.config.JsonFields;
import dev.postino.core.limits.LimitKind;
import dev.postino.core.limits.LimitSet;
import dev.postino.core.limits.LimitText;

/**
 * Sending limits as JSON, the same in webadmin bodies and in the overrides file:
 * {@code {"messagesPerHour": 100, "recipientsPerDay": "unlimited"}}. Each field is one
 * {@link LimitKind#jsonName()}, a whole number from 0 up or {@code "unlimited"}; fields left out
 * are inherited. Every error message starts with the name of the bad field.
 */
public final class LimitJson {
    static final ObjectMapper MAPPER = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private LimitJson() {
    }

    /** Parses a JSON text; malformed JSON and bad fields are {@link IllegalArgumentException}s. */
    public static LimitSet parse(String json) {
        return read(tree(json), "");
    }

    /** The JSON tree of a text, or an {@link IllegalArgumentException} saying where it is broken. */
    static JsonNode tree(String json) {
        try {
            JsonNode node = MAPPER.readTree(json == null ? "" : json);
            if (node == null || node.isMissingNode()) {
                throw new IllegalArgumentException("the body is empty: expected a JSON object such as {\"messagesPerDay\": 1000}");
            }
            Optional<String> uncarried = JsonFields.loneSurrogateIn(node);
            if (uncarried.isPresent()) {
                throw new IllegalArgumentException(uncarried.get() + ": " + JsonFields.LONE_SURROGATE);
            }
            return node;
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
            throw new IllegalArgumentException("the body is not valid JSON: " + e.getOriginalMessage() + where, e);
        }
    }

    /**
     * Reads one object of limits.
     *
     * @param prefix put before field names in errors (e.g. {@code users.alice@a.test.}), or empty
     */
    static LimitSet read(JsonNode node, String prefix) {
        if (!node.isObject()) {
            throw new IllegalArgumentException((prefix.isEmpty() ? "the body" : prefix.substring(0, prefix.length() - 1))
                + ": expected a JSON object of limits, got " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
        }
        LimitSet limits = LimitSet.empty();
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            Optional<LimitKind> kind = LimitKind.byJsonName(field.getKey());
            if (kind.isEmpty()) {
                throw new IllegalArgumentException(prefix + field.getKey() + ": unknown field; the fields are " + names());
            }
            limits = limits.with(kind.get(), value(prefix + field.getKey(), field.getValue()));
        }
        if (limits.isEmpty()) {
            throw new IllegalArgumentException((prefix.isEmpty() ? "the body" : prefix.substring(0, prefix.length() - 1))
                + ": no limit given; name at least one of " + names());
        }
        return limits;
    }

    private static long value(String field, JsonNode value) {
        if (value.isTextual() && value.textValue().equals(LimitText.UNLIMITED_WORD)) {
            return LimitText.UNLIMITED;
        }
        if (value.isIntegralNumber() && value.canConvertToLong() && value.longValue() >= 0) {
            return value.longValue();
        }
        throw new IllegalArgumentException(field + ": must be " + LimitText.EXPECTED.replace(LimitText.UNLIMITED_WORD,
            "\"" + LimitText.UNLIMITED_WORD + "\"") + ", got " + value);
    }

    /** The JSON object for these limits. */
    public static ObjectNode write(LimitSet limits) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        limits.asMap().forEach((kind, limit) -> put(node, kind.jsonName(), limit));
        return node;
    }

    /** Puts a limit under {@code name}: a number, or {@code "unlimited"}. */
    static void put(ObjectNode node, String name, long limit) {
        if (limit == LimitText.UNLIMITED) {
            node.put(name, LimitText.UNLIMITED_WORD);
        } else {
            node.put(name, limit);
        }
    }

    private static String names() {
        List<String> names = new ArrayList<>();
        for (LimitKind kind : LimitKind.values()) {
            names.add(kind.jsonName());
        }
        return String.join(", ", names);
    }
}
