package dev.postino.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A map kept in memory and in one JSON file, {@code {"version": 1, "<section>": {"<key>": {...}}}},
 * rewritten whole ({@link AtomicFile}) on every change: how what webadmin edits at run time is kept
 * under {@code var/postino/}. The file is written before memory changes, so what is in effect is
 * always what a restart reads back. A file that does not read back is an error naming it and the
 * bad entry: we never silently start without what the administrator saved. One file per node.
 *
 * @param <V> the values, turned into JSON and back by a {@link Codec}
 */
public class JsonFileMap<V> implements KeyedStore<V> {
    public static final int VERSION = 1;
    // A key written twice by hand is refused: Jackson would otherwise keep the last one silently.
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
        .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** One value as JSON and back; {@link #read} throws {@link IllegalArgumentException} naming what is wrong. */
    public interface Codec<V> {
        /** The key as the map keeps it (normalized), or an exception for a bad key. */
        String key(String key);

        V read(ObjectNode json);

        ObjectNode write(V value);
    }

    private final Path file;
    private final String section;
    private final boolean ownerOnly;
    private final Codec<V> codec;
    private final Map<String, V> values = new LinkedHashMap<>();
    /** The file's text as last read or written (null: no file), to notice an edit by hand before overwriting it. */
    private String onDisk;

    /** Reads {@code file} (none: empty). */
    public JsonFileMap(Path file, String section, boolean ownerOnly, Codec<V> codec) {
        this.file = file;
        this.section = section;
        this.ownerOnly = ownerOnly;
        this.codec = codec;
        Map<String, String> written = new LinkedHashMap<>();
        read().forEach((key, json) -> {
            String normalized;
            try {
                normalized = codec.key(key);
                values.put(normalized, codec.read(json));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(file + ": entry '" + key + "': " + e.getMessage(), e);
            }
            String other = written.putIfAbsent(normalized, key);
            if (other != null) {
                throw new ConfigException(file + ": entries '" + other + "' and '" + key + "' are the same key '"
                    + normalized + "': keep one");
            }
        });
    }

    public Path file() {
        return file;
    }

    @Override
    public synchronized Map<String, V> all() {
        return Map.copyOf(values);
    }

    @Override
    public synchronized void put(String key, V value) throws IOException {
        Map<String, V> next = new LinkedHashMap<>(values);
        next.put(key, value);
        save(next);
    }

    @Override
    public synchronized boolean remove(String key) throws IOException {
        if (!values.containsKey(key)) {
            return false;
        }
        Map<String, V> next = new LinkedHashMap<>(values);
        next.remove(key);
        save(next);
        return true;
    }

    private void save(Map<String, V> next) throws IOException {
        if (!Objects.equals(textOnDisk(), onDisk)) {
            throw new ChangedOnDiskException(file);
        }
        ObjectNode root = JSON.createObjectNode();
        root.put("version", VERSION);
        ObjectNode all = root.putObject(section);
        new TreeMap<>(next).forEach((key, value) -> all.set(key, codec.write(value)));
        String text = JSON.writeValueAsString(root) + "\n";
        if (!StandardCharsets.UTF_8.newEncoder().canEncode(text)) {
            // A lone surrogate (JSON "\\uD800"): the writer would put '?' in its place, so the file would
            // differ from what is kept here (and look edited by hand to every later change).
            throw new IOException(file + ": a value holds a character UTF-8 cannot write (a lone surrogate)");
        }
        AtomicFile.write(file, out -> out.write(text), ownerOnly);
        onDisk = text;
        values.clear();
        values.putAll(next);
    }

    private String textOnDisk() throws IOException {
        try {
            return Files.readString(file);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    private Map<String, ObjectNode> read() {
        JsonNode root;
        try {
            onDisk = textOnDisk();
            if (onDisk == null) {
                return Map.of();
            }
            root = JSON.readTree(onDisk);
        } catch (JsonProcessingException e) {
            // Whoever edited it by hand needs the place: Jackson's own message leaves it out.
            String where = e.getLocation() == null ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
            throw new ConfigException(file + " is not valid JSON: " + e.getOriginalMessage() + where, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        if (root == null || !root.isObject() || root.path("version").asInt(-1) != VERSION || !root.path(section).isObject()) {
            throw new ConfigException(file + ": expected {\"version\": " + VERSION + ", \"" + section + "\": {...}}");
        }
        Map<String, ObjectNode> entries = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = root.get(section).fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!field.getValue().isObject()) {
                throw new ConfigException(file + ": entry '" + field.getKey() + "' is not a JSON object");
            }
            entries.put(field.getKey(), (ObjectNode) field.getValue());
        }
        return entries;
    }
}
