package dev.postino.server;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The few James webadmin calls the launcher makes on first run: create a domain and a user.
 * Talking to webadmin, rather than to James's objects, is what an administrator does too.
 */
public final class WebadminClient {
    private static final Pattern ERROR_MESSAGE = Pattern.compile("\"message\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;

    public WebadminClient(int port) {
        this.base = URI.create("http://127.0.0.1:" + port);
    }

    /** PUT /domains/{domain}; an existing domain is fine. */
    public void addDomain(String domain) {
        HttpResponse<String> response = send("PUT", "/domains/" + encode(domain), null);
        if (response.statusCode() != 204 && response.statusCode() != 409) {
            throw refused("domain " + domain, response);
        }
    }

    /** PUT /users/{user}; returns false when the user exists already (its password is kept). */
    public boolean addUser(String user, String password) {
        HttpResponse<String> response = send("PUT", "/users/" + encode(user),
            "{\"password\":\"" + password.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}");
        if (response.statusCode() == 409) {
            return false;
        }
        if (response.statusCode() != 204) {
            throw refused("user " + user, response);
        }
        return true;
    }

    /** PUT a path without a body; fails unless the answer is 2xx. */
    public void put(String path) {
        int status = send("PUT", path, null).statusCode();
        if (status / 100 != 2) {
            throw new IllegalStateException("PUT " + path + ": HTTP " + status);
        }
    }

    /** GET a path; the body of a 2xx answer, else an exception naming the status. */
    public String get(String path) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10)).GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("GET " + path + ": HTTP " + response.statusCode() + " " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException("webadmin at " + base + " did not answer: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while talking to webadmin", e);
        }
    }

    /** James's error JSON says why ("Invalid username: …"): keep its message, not only the status. */
    private static IllegalStateException refused(String what, HttpResponse<String> response) {
        Matcher message = ERROR_MESSAGE.matcher(response.body());
        return new IllegalStateException("webadmin refused " + what + ": HTTP " + response.statusCode()
            + (message.find() ? " " + message.group(1) : ""));
    }

    private HttpResponse<String> send(String method, String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10));
        if (json == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("webadmin at " + base + " did not answer: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while talking to webadmin", e);
        }
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
