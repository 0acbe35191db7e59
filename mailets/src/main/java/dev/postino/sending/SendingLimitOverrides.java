package dev.postino.sending;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.postino.config.ChangedOnDiskException;
import dev.postino.config.ConfigException;
import dev.postino.core.limits.LimitSet;
import dev.postino.core.limits.LimitTable;

/**
 * The sending-limit overrides set through webadmin, per user and per domain, kept in a JSON file
 * under James's working directory ({@link #FILE}) so they survive a restart:
 *
 * <pre>
 * {
 *   "domains": {"a.test": {"messagesPerDay": 200}},
 *   "users": {"alice@a.test": {"messagesPerHour": 3, "recipientsPerDay": "unlimited"}}
 * }
 * </pre>
 *
 * A change is written to a temporary file, synced, then moved over the old one, and only then
 * published to the SMTP hooks (the next MAIL sees it); a failed write changes nothing. A file that
 * cannot be read stops start-up naming the file and the bad field.
 */
public final class SendingLimitOverrides {
    /** Where the overrides live, relative to James's working directory. */
    public static final String FILE = "var/postino/sending-limits.json";
    private static final String DOMAINS = "domains";
    private static final String USERS = "users";

    private final Path file;
    private final Object writeLock = new Object();
    private volatile LimitTable table;
    /** The file's bytes as last read or written (null: no file), to notice an edit by hand before overwriting it. */
    private byte[] onDisk;

    private SendingLimitOverrides(Path file, LimitTable table, byte[] onDisk) {
        this.file = file;
        this.table = table;
        this.onDisk = onDisk;
    }

    /** Reads the file; no file means no overrides. */
    public static SendingLimitOverrides load(Path file) {
        if (!Files.exists(file)) {
            return new SendingLimitOverrides(file, LimitTable.empty(), null);
        }
        try {
            byte[] bytes = Files.readAllBytes(file);
            JsonNode root = LimitJson.tree(new String(bytes, StandardCharsets.UTF_8));
            return new SendingLimitOverrides(file, parse(root), bytes);
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot be read: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(file + ": " + e.getMessage(), e);
        }
    }

    private static LimitTable parse(JsonNode root) {
        if (!root.isObject()) {
            throw new IllegalArgumentException("expected a JSON object with \"" + DOMAINS + "\" and \"" + USERS + "\"");
        }
        LimitTable table = LimitTable.empty();
        Iterator<String> names = root.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!name.equals(DOMAINS) && !name.equals(USERS)) {
                throw new IllegalArgumentException(name + ": unknown field; expected \"" + DOMAINS + "\" and \"" + USERS + "\"");
            }
        }
        table = section(root, DOMAINS, table, false, LimitTable::withDomain);
        return section(root, USERS, table, true, LimitTable::withUser);
    }

    private static LimitTable section(JsonNode root, String name, LimitTable table, boolean users,
                                      Adder adder) {
        JsonNode section = root.path(name);
        if (section.isMissingNode()) {
            return table;
        }
        if (!section.isObject()) {
            throw new IllegalArgumentException(name + ": expected a JSON object");
        }
        LimitTable result = table;
        Map<String, String> written = new HashMap<>();
        Iterator<Map.Entry<String, JsonNode>> entries = section.fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> entry = entries.next();
            String field = name + "." + entry.getKey();
            LimitTarget target;
            try {
                target = LimitTarget.parse(entry.getKey());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(field + ": " + e.getMessage(), e);
            }
            if (target.isUser() != users) {
                throw new IllegalArgumentException(field + ": expected " + (users ? "a user address" : "a domain"));
            }
            String other = written.putIfAbsent(target.name(), field);
            if (other != null) {
                // Else the later entry would replace the earlier one without a word.
                throw new IllegalArgumentException(field + ": the same " + (users ? "user" : "domain") + " as " + other
                    + "; keep one");
            }
            result = adder.apply(result, target.name(), LimitJson.read(entry.getValue(), field + "."));
        }
        return result;
    }

    private interface Adder {
        LimitTable apply(LimitTable table, String name, LimitSet limits);
    }

    /** Every override, as the hooks see them now. */
    public LimitTable table() {
        return table;
    }

    public Optional<LimitSet> get(LimitTarget target) {
        LimitTable now = table;
        return target.isUser() ? now.user(target.name()) : now.domain(target.name());
    }

    /** Sets the target's override (replacing a previous one), saved before it applies. */
    public void put(LimitTarget target, LimitSet limits) throws IOException {
        change(target, limits);
    }

    /** Removes the target's override; false if it had none. */
    public boolean remove(LimitTarget target) throws IOException {
        synchronized (writeLock) {
            if (get(target).isEmpty()) {
                return false;
            }
            change(target, LimitSet.empty());
            return true;
        }
    }

    private void change(LimitTarget target, LimitSet limits) throws IOException {
        synchronized (writeLock) {
            BiFunction<String, LimitSet, LimitTable> with = target.isUser() ? table::withUser : table::withDomain;
            LimitTable updated = with.apply(target.name(), limits);
            write(updated);
            table = updated;
        }
    }

    private void write(LimitTable updated) throws IOException {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ObjectNode domains = root.putObject(DOMAINS);
        updated.domains().forEach((domain, limits) -> domains.set(domain, LimitJson.write(limits)));
        ObjectNode users = root.putObject(USERS);
        updated.users().forEach((user, limits) -> users.set(user, LimitJson.write(limits)));
        byte[] json = LimitJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
        byte[] bytes = Arrays.copyOf(json, json.length + 1);
        bytes[json.length] = '\n';
        byte[] now = Files.exists(file) ? Files.readAllBytes(file) : null;
        if (!Arrays.equals(now, onDisk)) {
            throw new ChangedOnDiskException(file);
        }

        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temporary = parent.resolve(file.getFileName() + ".tmp");
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING); OutputStream out = java.nio.channels.Channels.newOutputStream(channel)) {
            out.write(bytes);
            out.flush();
            channel.force(true);
        }
        try {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        }
        onDisk = bytes;
    }

    public Path file() {
        return file;
    }
}
