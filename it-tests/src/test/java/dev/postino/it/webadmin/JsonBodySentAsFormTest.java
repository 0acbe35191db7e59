package dev.postino.it.webadmin;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.specification.RequestSpecification;

import dev.postino.it.harness.MxLab;
import dev.postino.it.harness.PostinoJames;

// admin → curl -XPUT …/postino/sending-limits/a.test -d '{…}' (no Content-Type: sent as a form) → 400 that says
//   to send Content-Type: application/json, as /postino/routes and /postino/limits do
class JsonBodySentAsFormTest {
    private static MxLab lab;
    private static PostinoJames server;
    private static RequestSpecification webadmin;

    @BeforeAll
    static void start() {
        lab = MxLab.start();
        server = lab.postino("a").build().start();
        webadmin = Webadmin.of(server);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        lab.close();
    }

    @Test
    void aSendingLimitSentAsAFormIsRefusedNamingTheContentTypeToUse() {
        given().spec(webadmin).contentType("application/x-www-form-urlencoded").body("{\"messagesPerDay\": 200}")
            .put("/postino/sending-limits/a.test")
        .then()
            .statusCode(400)
            .body("type", equalTo("InvalidArgument"))
            .body("message", containsString("Content-Type: application/json"));
        given().spec(webadmin).get("/postino/sending-limits/a.test").then().statusCode(404);
    }

    @Test
    void aRouteSentAsAFormIsRefusedNamingTheContentTypeToUse() {
        given().spec(webadmin).contentType("application/x-www-form-urlencoded").body("{\"host\": \"relay.test\"}")
            .put("/postino/routes/a.test")
        .then()
            .statusCode(400)
            .body("message", containsString("Content-Type: application/json"));
    }
}
