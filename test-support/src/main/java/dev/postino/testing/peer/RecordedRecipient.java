package dev.postino.testing.peer;

import java.util.Map;
import java.util.Optional;

/**
 * A recipient the peer accepted with a 2xx, and its RCPT TO parameters (keys upper-case, values
 * as sent, still xtext-encoded; a keyword without {@code =} has the value "").
 */
public record RecordedRecipient(String address, Map<String, String> parameters) {

    public RecordedRecipient {
        parameters = Map.copyOf(parameters);
    }

    public Optional<String> parameter(String name) {
        return Optional.ofNullable(parameters.get(name.toUpperCase(java.util.Locale.ROOT)));
    }

    /** RFC 3461 §4.1 NOTIFY, e.g. {@code SUCCESS,FAILURE}. */
    public Optional<String> notifyParameter() {
        return parameter("NOTIFY");
    }

    /** RFC 3461 §4.2 ORCPT, e.g. {@code rfc822;bob@b.test}. */
    public Optional<String> orcpt() {
        return parameter("ORCPT");
    }
}
