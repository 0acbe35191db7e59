package dev.postino.it.webadmin;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import dev.postino.it.harness.MxLab;
import dev.postino.it.harness.PostinoJames;

// admin → PUT /postino/routes/a.test → edits var/postino/routes.json by hand (adds c.test) → PUT /postino/routes/b.test
//   → 409 naming the file, the hand edit kept; the same for var/postino/sending-limits.json;
// admin → curl -XPUT …/postino/sending-limits/f.test -d '{…}' (no Content-Type: a form) → 400 naming the Content-Type;
// admin → PUT a route / size limit / sending limit with a lone surrogate (JSON-escaped U+D800) in a value → 400 naming the field, no file written
class SettingEditsRefusedSafelyTest {
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
    void aRouteChangeAfterAnEditByHandIsRefusedAndTheEditKept() throws Exception {
        put("/postino/routes/a.test", "{\"host\": \"relay.test\"}").then().statusCode(204);
        Path file = server.home().resolve("var/postino/routes.json");
        String byHand = Files.readString(file).replace("\"routes\" : {", "\"routes\" : {\n    \"c.test\" : {\"host\" : \"hand.test\"},");
        Files.writeString(file, byHand);

        put("/postino/routes/b.test", "{\"host\": \"other.test\"}").then().statusCode(409)
            .body("type", equalTo("WrongState")).body("message", containsString("var/postino/routes.json"));
        given().spec(webadmin).delete("/postino/routes/a.test").then().statusCode(409);

        assertThat(Files.readString(file)).isEqualTo(byHand);
        given().spec(webadmin).get("/postino/routes/b.test").then().statusCode(404);
    }

    @Test
    void aSendingLimitChangeAfterAnEditByHandIsRefusedAndTheEditKept() throws Exception {
        put("/postino/sending-limits/a.test", "{\"messagesPerDay\": 200}").then().statusCode(204);
        Path file = server.home().resolve("var/postino/sending-limits.json");
        String byHand = "{\"users\": {\"bob@a.test\": {\"messagesPerHour\": 1}}}\n";
        Files.writeString(file, byHand);

        put("/postino/sending-limits/b.test", "{\"messagesPerDay\": 5}").then().statusCode(409)
            .body("message", containsString("var/postino/sending-limits.json"));

        assertThat(Files.readString(file)).isEqualTo(byHand);
        given().spec(webadmin).get("/postino/sending-limits/b.test").then().statusCode(404);
    }

    @Test
    void aSendingLimitSentAsAFormIsRefusedNamingTheContentTypeToUse() {
        given().spec(webadmin).contentType("application/x-www-form-urlencoded").body("{\"messagesPerDay\": 200}")
            .put("/postino/sending-limits/f.test")
        .then()
            .statusCode(400)
            .body("type", equalTo("InvalidArgument"))
            .body("message", containsString("Content-Type: application/json"));
        given().spec(webadmin).get("/postino/sending-limits/f.test").then().statusCode(404);
    }

    @Test
    void aRouteSentAsAFormIsRefusedNamingTheContentTypeToUse() {
        given().spec(webadmin).contentType("application/x-www-form-urlencoded").body("{\"host\": \"relay.test\"}")
            .put("/postino/routes/f.test")
        .then()
            .statusCode(400)
            .body("message", containsString("Content-Type: application/json"));
    }
    @Test
    void aValueWithALoneSurrogateIsRefusedNamingItsFieldAndNothingIsWritten() throws Exception {
        Path routes = server.home().resolve("var/postino/routes.json");
        String routesBefore = Files.exists(routes) ? Files.readString(routes) : "(none)";

        // U+D800 escaped in JSON: a lone surrogate, which UTF-8 cannot carry.
        put("/postino/routes/s.test", "{\"host\": \"relay.test\", \"auth\": {\"username\": \"u\", \"password\": \"\\ud800\"}}")
            .then().statusCode(400).body("type", equalTo("InvalidArgument")).body("message", startsWith("auth.password: "));
        put("/postino/limits/s.test", "{\"submission\": \"1\\ud800M\"}")
            .then().statusCode(400).body("type", equalTo("InvalidArgument")).body("message", startsWith("submission: "));
        put("/postino/sending-limits/s.test", "{\"messagesPerDay\": \"\\ud800\"}")
            .then().statusCode(400).body("type", equalTo("InvalidArgument")).body("message", startsWith("messagesPerDay: "));

        assertThat(Files.exists(routes) ? Files.readString(routes) : "(none)").as("nothing written").isEqualTo(routesBefore);
        given().spec(webadmin).get("/postino/routes/s.test").then().statusCode(404);
        given().spec(webadmin).get("/postino/limits/s.test").then().statusCode(404);
        given().spec(webadmin).get("/postino/sending-limits/s.test").then().statusCode(404);
    }

    private static io.restassured.response.Response put(String path, String body) {
        return given().spec(webadmin).contentType(ContentType.JSON).body(body).put(path);
    }
}
