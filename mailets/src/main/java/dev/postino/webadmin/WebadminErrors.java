package dev.postino.webadmin;

import org.apache.james.webadmin.utils.ErrorResponder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.postino.config.ChangedOnDiskException;
import dev.postino.core.BadField;
import spark.HaltException;

/** James's error JSON for Postino's routes: 400 naming the field, 404, 409, 413, 500. */
final class WebadminErrors {
    private static final Logger LOGGER = LoggerFactory.getLogger(WebadminErrors.class);

    private WebadminErrors() {
    }

    /** 400 whose message starts with the field's name ({@code port: must be 1..65535, got 0}). */
    static HaltException badRequest(BadField e) {
        return ErrorResponder.builder()
            .statusCode(400)
            .type(ErrorResponder.ErrorType.INVALID_ARGUMENT)
            .message(e.getMessage())
            .haltError();
    }

    static HaltException badRequest(String field, String message) {
        return badRequest(new BadField(field, message));
    }

    static HaltException notFound(String message) {
        return ErrorResponder.builder()
            .statusCode(404)
            .type(ErrorResponder.ErrorType.NOT_FOUND)
            .message(message)
            .haltError();
    }

    static HaltException tooLarge(String message) {
        return ErrorResponder.builder()
            .statusCode(413)
            .type(ErrorResponder.ErrorType.INVALID_ARGUMENT)
            .message(message)
            .haltError();
    }

    /** 409: the file the change goes to was edited by hand since the server read it; nothing changed. */
    static HaltException changedOnDisk(ChangedOnDiskException e) {
        LOGGER.warn("{}", e.getMessage());
        return ErrorResponder.builder()
            .statusCode(409)
            .type(ErrorResponder.ErrorType.WRONG_STATE)
            .message(e.getMessage())
            .haltError();
    }

    /** 500 for a change that could not be kept: nothing changed. */
    static HaltException notSaved(String what, Exception e) {
        LOGGER.error("{} could not be saved", what, e);
        return ErrorResponder.builder()
            .statusCode(500)
            .type(ErrorResponder.ErrorType.SERVER_ERROR)
            .message(what + " could not be saved; nothing changed")
            .cause(e)
            .haltError();
    }
}
