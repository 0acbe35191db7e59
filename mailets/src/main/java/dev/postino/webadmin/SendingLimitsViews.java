package dev.postino.webadmin;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.postino.core.limits.LimitKind;
import dev.postino.core.limits.LimitResolver;
import dev.postino.core.limits.LimitSet;
import dev.postino.core.limits.LimitTable;
import dev.postino.core.limits.SendUsage;
import dev.postino.core.limits.SendingLimits;
import dev.postino.core.limits.Window;
import dev.postino.core.limits.WindowCount;
import dev.postino.sending.LimitJson;
import dev.postino.sending.SendingLimitSettings;

/** The JSON documents of {@link SendingLimitsRoutes}. Instants are ISO-8601 UTC; "never" for a limit of 0. */
final class SendingLimitsViews {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String NEVER = "never";

    private SendingLimitsViews() {
    }

    /**
     * <pre>
     * {"defaults": {"messagesPerHour": 500, ...},
     *  "configured": {"domains": {...}, "users": {...}},
     *  "overrides": {"domains": {"a.test": {...}}, "users": {"alice@a.test": {...}}}}
     * </pre>
     */
    static ObjectNode overview(SendingLimitSettings settings) {
        ObjectNode root = NODES.objectNode();
        SendingLimits defaults = LimitResolver.resolve("", settings.configured(), LimitTable.empty());
        root.set("defaults", limits(defaults));
        root.set("configured", scopes(settings.configured()));
        root.set("overrides", scopes(settings.overrides().table()));
        return root;
    }

    /**
     * <pre>
     * {"user": "alice@a.test", "at": "…",
     *  "limits": {"messagesPerHour": 3, ...}, "sources": {"messagesPerHour": "user-override", ...},
     *  "hour": {"messages": 3, "recipients": 3, "nextSlotAt": "…"}, "day": {...},
     *  "nextMessageAt": "…", "nextRecipientAt": "…"}
     * </pre>
     */
    static ObjectNode usage(SendUsage usage) {
        ObjectNode root = NODES.objectNode();
        root.put("user", usage.user());
        root.put("at", usage.at().toString());
        root.set("limits", limits(usage.limits()));
        ObjectNode sources = root.putObject("sources");
        for (LimitKind kind : LimitKind.values()) {
            sources.put(kind.jsonName(), usage.limits().source(kind).label());
        }
        root.set("hour", window(usage.window(Window.HOUR)));
        root.set("day", window(usage.window(Window.DAY)));
        root.put("nextMessageAt", instant(usage.nextMessageAt()));
        root.put("nextRecipientAt", instant(usage.nextRecipientAt()));
        return root;
    }

    private static ObjectNode limits(SendingLimits limits) {
        LimitSet all = LimitSet.empty();
        for (LimitKind kind : LimitKind.values()) {
            all = all.with(kind, limits.limit(kind));
        }
        return LimitJson.write(all);
    }

    private static ObjectNode scopes(LimitTable table) {
        ObjectNode node = NODES.objectNode();
        node.set("domains", named(table.domains()));
        node.set("users", named(table.users()));
        return node;
    }

    private static ObjectNode named(Map<String, LimitSet> sets) {
        ObjectNode node = NODES.objectNode();
        sets.forEach((name, limits) -> node.set(name, LimitJson.write(limits)));
        return node;
    }

    private static ObjectNode window(WindowCount count) {
        ObjectNode node = NODES.objectNode();
        node.put("messages", count.messages());
        node.put("recipients", count.recipients());
        Optional<Instant> next = count.nextSlotAt();
        if (next.isPresent()) {
            node.put("nextSlotAt", next.get().toString());
        } else {
            node.putNull("nextSlotAt");
        }
        return node;
    }

    private static String instant(Optional<Instant> at) {
        return at.map(Instant::toString).orElse(NEVER);
    }
}
