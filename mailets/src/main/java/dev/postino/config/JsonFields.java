package dev.postino.config;

import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.postino.core.BadField;

/**
 * Reads the fields of a JSON object strictly, for request bodies and the files that keep them: an
 * unknown field or a value of the wrong type is a {@link BadField} naming it ({@code prefix} +
 * name, e.g. {@code auth.password}). A field that is absent or {@code null} is empty.
 */
public final class JsonFields {
    // One object and nothing else: a field given twice or text after the object is an error, not
    // silently the last (or the first) of what was sent.
    private static final ObjectMapper MAPPER = new ObjectMapper()
        .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    /** Why a value with a lone surrogate is refused; the value itself is not repeated (UTF-8 cannot carry it). */
    public static final String LONE_SURROGATE =
        "holds a character UTF-8 cannot carry (a lone surrogate, such as \\ud800)";

    private final ObjectNode node;
    private final String prefix;

    private JsonFields(ObjectNode node, String prefix) {
        this.node = node;
        this.prefix = prefix;
    }

    /** Parses a request body; bad JSON is a {@link BadField} naming {@code body}. */
    public static JsonNode parse(String text) {
        try {
            JsonNode node = MAPPER.readTree(text == null ? "" : text);
            if (node == null || node.isMissingNode()) {
                throw new BadField("body", "a JSON object is required");
            }
            Optional<String> uncarried = loneSurrogateIn(node);
            if (uncarried.isPresent()) {
                throw new BadField(uncarried.get(), LONE_SURROGATE);
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new BadField("body", "is not valid JSON: " + e.getOriginalMessage());
        }
    }

    /**
     * The name of the first field whose value holds a lone surrogate (U+D800 escaped in JSON), or of the
     * object whose field name does ({@code body} at the top); empty when none does. UTF-8 has no form
     * for it: written to a file it would become '?' (so a webadmin change is refused as a bad value, 400,
     * before anything is written).
     */
    public static Optional<String> loneSurrogateIn(JsonNode node) {
        return loneSurrogateIn(node, "");
    }

    private static Optional<String> loneSurrogateIn(JsonNode node, String path) {
        String here = path.isEmpty() ? "body" : path;
        if (node.isTextual()) {
            return carried(node.textValue()) ? Optional.empty() : Optional.of(here);
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                Optional<String> inner = loneSurrogateIn(node.get(i), here + "[" + i + "]");
                if (inner.isPresent()) {
                    return inner;
                }
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!carried(field.getKey())) {
                return Optional.of(here);
            }
            Optional<String> inner = loneSurrogateIn(field.getValue(), path.isEmpty() ? field.getKey() : path + "." + field.getKey());
            if (inner.isPresent()) {
                return inner;
            }
        }
        return Optional.empty();
    }

    private static boolean carried(String text) {
        return StandardCharsets.UTF_8.newEncoder().canEncode(text);
    }

    /** The fields of {@code node}, which may hold only {@code known} fields. */
    public static JsonFields of(JsonNode node, String prefix, Set<String> known) {
        String what = prefix.isEmpty() ? "body" : prefix.substring(0, prefix.length() - 1);
        if (node == null || !node.isObject()) {
            throw new BadField(what, "must be a JSON object");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!known.contains(name)) {
                throw new BadField(prefix + name, "unknown field; known fields are " + new java.util.TreeSet<>(known));
            }
        }
        return new JsonFields((ObjectNode) node, prefix);
    }

    public Optional<String> string(String name) {
        return value(name).map(value -> {
            if (!value.isTextual()) {
                throw new BadField(prefix + name, "must be a string, got " + value);
            }
            return value.asText();
        });
    }

    public Optional<Integer> integer(String name) {
        return value(name).map(value -> {
            if (!value.isIntegralNumber() || !value.canConvertToInt()) {
                throw new BadField(prefix + name, "must be a whole number, got " + value);
            }
            return value.intValue();
        });
    }

    public Optional<Boolean> bool(String name) {
        return value(name).map(value -> {
            if (!value.isBoolean()) {
                throw new BadField(prefix + name, "must be true or false, got " + value);
            }
            return value.booleanValue();
        });
    }

    /** A nested object with only {@code known} fields; its field names are prefixed {@code name.}. */
    public Optional<JsonFields> object(String name, Set<String> known) {
        return value(name).map(value -> of(value, prefix + name + ".", known));
    }

    /** The raw value of a field, for values of more than one type. */
    public Optional<JsonNode> value(String name) {
        JsonNode value = node.get(name);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value);
    }

    /** The full name of a field of this object, as errors name it. */
    public String name(String field) {
        return prefix + field;
    }
}
