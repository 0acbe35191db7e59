package dev.postino.testing.peer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * The challenge half of AUTH (RFC 4954) for PLAIN (RFC 4616) and LOGIN: sends the 334s and
 * collects the credentials. Judging them, and the final reply, is the session's business.
 */
final class AuthExchange {

    /** What the client said: its credentials, or the reply that ends the exchange early. */
    sealed interface Outcome permits Credentials, Refusal {
    }

    record Credentials(String username, String password) implements Outcome {
    }

    record Refusal(String reply) implements Outcome {
    }

    private static final String USERNAME_CHALLENGE = "334 VXNlcm5hbWU6"; // "Username:"
    private static final String PASSWORD_CHALLENGE = "334 UGFzc3dvcmQ6"; // "Password:"

    private final SmtpWire wire;

    AuthExchange(SmtpWire wire) {
        this.wire = wire;
    }

    /** Empty when the client went away mid-exchange. */
    Optional<Outcome> run(String arguments) throws IOException {
        String[] words = arguments.trim().split(" +", 2);
        String mechanism = words[0].toUpperCase(Locale.ROOT);
        Optional<String> initial = words.length > 1 ? Optional.of(words[1]) : Optional.empty();
        switch (mechanism) {
            case "PLAIN":
                return plain(initial);
            case "LOGIN":
                return login(initial);
            default:
                return Optional.of(new Refusal("504 5.5.4 unrecognised authentication mechanism"));
        }
    }

    private Optional<Outcome> plain(Optional<String> initial) throws IOException {
        Optional<String> response = initial.isPresent() ? initial : challenge("334 ");
        if (response.isEmpty()) {
            return Optional.empty();
        }
        // RFC 4954 §4: "=" is an empty initial response.
        String encoded = response.get().equals("=") ? "" : response.get();
        return Optional.of(decode(encoded).<Outcome>map(message -> {
            String[] parts = message.split("\0", -1);
            if (parts.length != 3) {
                return new Refusal("501 5.5.2 malformed PLAIN response");
            }
            return new Credentials(parts[1], parts[2]);
        }).orElseGet(() -> refusal(encoded)));
    }

    private Optional<Outcome> login(Optional<String> initial) throws IOException {
        Optional<String> user = initial.isPresent() ? initial : challenge(USERNAME_CHALLENGE);
        if (user.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> username = decode(user.get());
        if (username.isEmpty()) {
            return Optional.of(refusal(user.get()));
        }
        Optional<String> pass = challenge(PASSWORD_CHALLENGE);
        if (pass.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(decode(pass.get()).<Outcome>map(p -> new Credentials(username.get(), p))
            .orElseGet(() -> refusal(pass.get())));
    }

    private Optional<String> challenge(String challenge) throws IOException {
        wire.write(challenge);
        SmtpWire.Line line = wire.readLine();
        return line == null ? Optional.empty() : Optional.of(line.text().trim());
    }

    /** Empty for "*" (RFC 4954 §4: the client cancels) and for text that is not base64. */
    private static Optional<String> decode(String base64) {
        if (base64.equals("*")) {
            return Optional.empty();
        }
        try {
            return Optional.of(new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Refusal refusal(String response) {
        return response.equals("*")
            ? new Refusal("501 5.0.0 authentication cancelled")
            : new Refusal("501 5.5.2 cannot decode base64");
    }
}
