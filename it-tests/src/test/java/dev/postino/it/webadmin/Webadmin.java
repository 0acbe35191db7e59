package dev.postino.it.webadmin;

import static io.restassured.RestAssured.given;

import io.restassured.builder.RequestSpecBuilder;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

import dev.postino.it.harness.PostinoJames;

/** RestAssured against one server's webadmin, and James's task protocol (start, then await). */
final class Webadmin {
    private Webadmin() {
    }

    static RequestSpecification of(PostinoJames server) {
        return new RequestSpecBuilder()
            .setBaseUri("http://127.0.0.1")
            .setPort(server.webadminPort())
            .setAccept(ContentType.JSON)
            .setUrlEncodingEnabled(false)
            .build();
    }

    /** POSTs a task route, checks the 201, waits for the task and returns its details. */
    static JsonPath runTask(RequestSpecification webadmin, String path) {
        String taskId = given().spec(webadmin)
            .post(path)
        .then()
            .statusCode(201)
            .header("Location", org.hamcrest.Matchers.startsWith("/tasks/"))
            .extract().jsonPath().getString("taskId");
        return given().spec(webadmin)
            .get("/tasks/" + taskId + "/await?timeout=30s")
        .then()
            .statusCode(200)
            .extract().jsonPath();
    }
}
