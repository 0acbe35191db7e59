package dev.postino.it.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A user's Sieve script, installed and activated through James's webadmin, as an administrator does. */
public final class SieveScripts {
    private SieveScripts() {
    }

    /** PUT /sieve/{user}/scripts/postino?activate=true; asserts the 204. */
    public static void activate(int webadminPort, String user, String script) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + webadminPort
                + "/sieve/" + user + "/scripts/postino?activate=true"))
            .timeout(Duration.ofSeconds(10))
            .PUT(HttpRequest.BodyPublishers.ofString(script))
            .build();
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("PUT sieve script: " + response.body()).isEqualTo(204);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
