package dev.postino.webadmin;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeSet;

import javax.inject.Inject;

import org.apache.james.webadmin.utils.JsonTransformer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.postino.core.BadField;
import dev.postino.core.size.SizeLimits;
import dev.postino.core.size.SizeLimitsConfig;
import dev.postino.limits.EditableSizeLimits;
import dev.postino.limits.SizeLimitEntry;
import dev.postino.limits.SizeLimitKey;

/**
 * Per-domain and per-user message size limits, in effect for the next SMTP command:
 *
 * <pre>
 * GET    /postino/limits              the global limit and every domain's and user's limits
 * GET    /postino/limits/{key}        one domain's or user's limits (404 when it has none)
 * PUT    /postino/limits/{key}        {"submission": "10M", "inbound": "unlimited"} → 204
 * DELETE /postino/limits/{key}        remove the webadmin limits (postino.properties' apply again) → 204
 * </pre>
 *
 * {@code {key}} is a domain ({@code a.test}) or an address ({@code ceo@a.test}). Each limit is
 * shown with its source, {@code file} ({@code size.*} keys) or {@code webadmin}. Listed in
 * {@code webadmin.properties}: {@code extensions.routes=dev.postino.webadmin.SizeLimitRoutes}.
 */
public class SizeLimitRoutes extends EditableLayerRoutes<SizeLimitEntry> {
    public static final String BASE = "/postino/limits";

    private final EditableSizeLimits limits;

    @Inject
    public SizeLimitRoutes(EditableSizeLimits limits, JsonTransformer json) {
        super(BASE, "size limits", limits, json);
        this.limits = limits;
    }

    @Override
    ObjectNode list() {
        ObjectNode all = JsonNodeFactory.instance.objectNode();
        SizeLimits file = limits.fileLimits();
        if (file.global() == SizeLimits.UNLIMITED) {
            all.putNull("global");
        } else {
            all.set("global", limit(file.global(), "file"));
        }
        TreeSet<String> keys = new TreeSet<>(limits.overrides().keySet());
        keys.addAll(file.submissionDomains().keySet());
        keys.addAll(file.submissionUsers().keySet());
        keys.addAll(file.inboundDomains().keySet());
        keys.addAll(file.inboundUsers().keySet());
        keys.forEach(key -> all.withArray("limits").add(show(key)));
        all.withArray("limits");
        return all;
    }

    @Override
    ObjectNode one(String key) {
        ObjectNode shown = show(key);
        if (shown.get(SizeLimitEntry.SUBMISSION).isNull() && shown.get(SizeLimitEntry.INBOUND).isNull()) {
            throw WebadminErrors.notFound("no size limits for '" + key + "'");
        }
        return shown;
    }

    @Override
    String key(String raw) {
        try {
            return SizeLimitKey.normalize(raw);
        } catch (BadField e) {
            throw WebadminErrors.badRequest(e);
        }
    }

    @Override
    SizeLimitEntry read(String key, JsonNode body) {
        return SizeLimitEntry.read(body);
    }

    @Override
    String nothingToDelete(String key) {
        return "no webadmin size limits for '" + key + "'";
    }

    private ObjectNode show(String key) {
        boolean user = SizeLimitKey.isUser(key);
        SizeLimits file = limits.fileLimits();
        Optional<SizeLimitEntry> webadmin = Optional.ofNullable(limits.overrides().get(key));
        ObjectNode shown = JsonNodeFactory.instance.objectNode();
        shown.put("key", key);
        shown.put("kind", user ? SizeLimitKey.USER : SizeLimitKey.DOMAIN);
        direction(shown, SizeLimitEntry.SUBMISSION, webadmin,
            user ? file.submissionUsers() : file.submissionDomains(), key);
        direction(shown, SizeLimitEntry.INBOUND, webadmin, user ? file.inboundUsers() : file.inboundDomains(), key);
        return shown;
    }

    // A webadmin limit of this direction wins; else the file's; else none (null).
    private static void direction(ObjectNode shown, String name, Optional<SizeLimitEntry> webadmin,
                                  Map<String, Long> file, String key) {
        OptionalLong set = webadmin.map(entry -> entry.limit(name)).orElse(OptionalLong.empty());
        if (set.isPresent()) {
            shown.set(name, limit(set.getAsLong(), "webadmin"));
        } else if (file.containsKey(key)) {
            shown.set(name, limit(file.get(key), "file"));
        } else {
            shown.putNull(name);
        }
    }

    private static ObjectNode limit(long bytes, String source) {
        ObjectNode limit = JsonNodeFactory.instance.objectNode();
        limit.put("limit", SizeLimitsConfig.formatLimit(bytes));
        if (bytes == SizeLimits.UNLIMITED) {
            limit.putNull("bytes");
        } else {
            limit.put("bytes", bytes);
        }
        limit.put("source", source);
        return limit;
    }
}
