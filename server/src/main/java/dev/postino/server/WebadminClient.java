package dev.postino.server;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The few James webadmin calls the launcher makes on first run: create a domain and a user.
 * Talking to webadmin, rather than to James's objects, is what an administrator does too.
 */
public final class WebadminClient {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;

    public WebadminClient(int port) {
        this.base = URI.create("http://127.0.0.1:" + port);
    }

    /** PUT /domains/{domain}; an existing domain is fine. */
    public void addDomain(String domain) {
        int status = send("PUT", "/domains/" + encode(domain), null);
        if (status != 204 && status != 409) {
            throw new IllegalStateException("webadmin refused domain " + domain + ": HTTP " + status);
        }
    }

    /** PUT /users/{user}; returns false when the user exists already (its password is kept). */
    public boolean addUser(String user, String password) {
        int status = send("PUT", "/users/" + encode(user),
            "{\"password\":\"" + password.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}");
        if (status == 409) {
            return false;
        }
        if (status != 204) {
            throw new IllegalStateException("webadmin refused user " + user + ": HTTP " + status);
        }
        return true;
    }

    /** PUT a path without a body; fails unless the answer is 2xx. */
    public void put(String path) {
        int status = send("PUT", path, null);
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

    private int send(String method, String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10));
        if (json == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
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
