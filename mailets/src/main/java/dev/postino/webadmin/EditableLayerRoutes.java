package dev.postino.webadmin;

import java.io.IOException;

import org.apache.james.webadmin.Routes;
import org.apache.james.webadmin.utils.JsonTransformer;

import com.fasterxml.jackson.databind.JsonNode;

import dev.postino.config.ChangedOnDiskException;
import dev.postino.config.EditableLayer;
import dev.postino.core.BadField;
import spark.Request;
import spark.Response;
import spark.Service;

/**
 * {@code GET base}, and {@code GET}, {@code PUT}, {@code DELETE base/{key}} of a setting webadmin
 * edits ({@link EditableLayer}). PUT and DELETE answer {@code 204}; DELETE of a key without a
 * webadmin value {@code 404}; a malformed key or body {@code 400} naming the field; a store file
 * edited by hand since the server read it {@code 409}; a change that could not be kept {@code 500};
 * after either nothing changed (the store is written first).
 *
 * @param <V> one key's value
 */
abstract class EditableLayerRoutes<V> implements Routes {
    private static final String KEY = ":key";

    private final String base;
    private final String what;
    private final EditableLayer<V> layer;
    private final JsonTransformer json;

    EditableLayerRoutes(String base, String what, EditableLayer<V> layer, JsonTransformer json) {
        this.base = base;
        this.what = what;
        this.layer = layer;
        this.json = json;
    }

    @Override
    public String getBasePath() {
        return base;
    }

    @Override
    public void define(Service service) {
        service.get(base, (request, response) -> list(), json);
        service.get(base + "/" + KEY, (request, response) -> one(key(request.params(KEY))), json);
        service.put(base + "/" + KEY, this::put);
        service.delete(base + "/" + KEY, this::delete);
    }

    /** Every key's value, as shown. */
    abstract Object list();

    /** One key's value as shown; a 404 when it has none. */
    abstract Object one(String key);

    /** The normalized key; a 400 naming the field when malformed. */
    abstract String key(String raw);

    /** The value a PUT body sets; a {@link BadField} naming the bad field. */
    abstract V read(String key, JsonNode body);

    /** The 404 message of a DELETE when {@code key} has no webadmin value. */
    abstract String nothingToDelete(String key);

    private String put(Request request, Response response) {
        String key = key(request.params(KEY));
        V value;
        try {
            value = read(key, RequestBodies.json(request));
        } catch (BadField e) {
            throw WebadminErrors.badRequest(e);
        }
        try {
            layer.put(key, value);
        } catch (ChangedOnDiskException e) {
            throw WebadminErrors.changedOnDisk(e);
        } catch (IOException e) {
            throw WebadminErrors.notSaved(what + " of '" + key + "'", e);
        }
        response.status(204);
        return "";
    }

    private String delete(Request request, Response response) {
        String key = key(request.params(KEY));
        boolean removed;
        try {
            removed = layer.remove(key);
        } catch (ChangedOnDiskException e) {
            throw WebadminErrors.changedOnDisk(e);
        } catch (IOException e) {
            throw WebadminErrors.notSaved("removal of the " + what + " of '" + key + "'", e);
        }
        if (!removed) {
            throw WebadminErrors.notFound(nothingToDelete(key));
        }
        response.status(204);
        return "";
    }
}
