package dev.postino.it.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.startsWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.postino.it.harness.Alice;
import dev.postino.it.harness.MxLab;
import dev.postino.it.harness.PostinoJames;
import dev.postino.it.harness.Webadmin;
import dev.postino.testing.peer.RecordedMessage;
import dev.postino.testing.peer.ScriptedSmtpPeer;

// admin → PUT /postino/routes/{domain} → alice → A(587) → RouteByMx → the route's host (scripted peer), not the MX; DELETE → MX again
class StaticRoutesWebadminTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static MxLab lab;
    private static PostinoJames a;
    private static Alice alice;

    @BeforeAll
    static void start() {
        lab = MxLab.start();
        String routes = "filed.test   [127.0.0.43]:PORT\n"
            + "refused.test error:5.7.1 we never deliver there\n";
        a = lab.postino("a", "routes.file=conf/postino-routes\n")
            .confFile("postino-routes", routes.replace("PORT", String.valueOf(lab.mxPort())))
            .editConf("mailetcontainer.xml", MxLab.routeByMx("<retrySchedule>1s</retrySchedule>"
                + "<delayWarningAfter>0</delayWarningAfter><deadHostTime>0</deadHostTime><connectTimeout>2s</connectTimeout>"))
            .build().start();
        alice = new Alice(a);
    }

    @AfterAll
    static void stop() {
        if (a != null) {
            a.close();
        }
        lab.close();
    }

    private static String relay(String ip) {
        return "{\"host\": \"" + ip + "\", \"port\": " + lab.mxPort() + ", \"tls\": \"none\"}";
    }

    @Test
    void aRouteAddedThroughWebadminChangesWhereTheNextMailGoes() {
        lab.zone().mx("moved.test", 10, "mx.moved.test").a("mx.moved.test", "127.0.0.46");
        ScriptedSmtpPeer mx = lab.peer("127.0.0.46");
        ScriptedSmtpPeer relay = lab.peer("127.0.0.47");

        Webadmin.given(a).body(relay("127.0.0.47")).put("/postino/routes/moved.test").then().statusCode(204);
        alice.send("via the new route", "bob@moved.test");

        RecordedMessage got = relay.awaitMessages(1, WAIT).get(0);
        assertThat(got.recipientAddresses()).containsExactly("bob@moved.test");
        assertThat(got.content()).contains("Subject: via the new route");
        assertThat(mx.connectionCount()).isZero();

        Webadmin.given(a).delete("/postino/routes/moved.test").then().statusCode(204);
        alice.send("by MX again", "bob@moved.test");

        assertThat(mx.awaitMessages(1, WAIT).get(0).content()).contains("Subject: by MX again");
        assertThat(relay.messages()).hasSize(1);
    }

    @Test
    void aSmarthostWithLoginGetsTheMailAndThePasswordIsNeverShown() throws Exception {
        ScriptedSmtpPeer smarthost = lab.peer("127.0.0.45", o -> o.startTls(true).credentials("relayuser", "relay-secret"));

        Webadmin.given(a).body("{\"host\": \"127.0.0.45\", \"port\": " + lab.mxPort()
                + ", \"auth\": {\"username\": \"relayuser\", \"password\": \"relay-secret\"}}")
            .put("/postino/routes/smart.test").then().statusCode(204);
        // Edited without the password: the stored one is kept for the same user.
        Webadmin.given(a).body("{\"host\": \"127.0.0.45\", \"port\": " + lab.mxPort() + ", \"tls\": \"required\","
                + " \"auth\": {\"username\": \"relayuser\"}}")
            .put("/postino/routes/smart.test").then().statusCode(204);

        String shown = Webadmin.given(a).get("/postino/routes/smart.test").then().statusCode(200)
            .body("domain", equalTo("smart.test"))
            .body("source", equalTo("webadmin"))
            .body("action", equalTo("relay"))
            .body("host", equalTo("127.0.0.45"))
            .body("port", equalTo(lab.mxPort()))
            .body("tls", equalTo("required"))
            .body("lookupMx", equalTo(false))
            .body("auth.username", equalTo("relayuser"))
            .body("auth.passwordSet", equalTo(true))
            .extract().asString();
        assertThat(shown).doesNotContain("relay-secret");
        assertThat(Webadmin.given(a).get("/postino/routes").asString()).doesNotContain("relay-secret");

        alice.send("through the smarthost", "carol@smart.test");
        RecordedMessage got = smarthost.awaitMessages(1, WAIT).get(0);
        assertThat(got.authenticatedAs()).contains("relayuser");
        assertThat(got.content()).contains("Subject: through the smarthost");

        Path file = a.home().resolve("var/postino/routes.json");
        assertThat(Files.readString(file)).contains("\"smart.test\"").contains("relay-secret");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void aWebadminRouteOverridesTheFileRowOfItsDomainUntilDeleted() {
        Webadmin.given(a).get("/postino/routes/filed.test").then().statusCode(200)
            .body("source", equalTo("file"))
            .body("host", equalTo("127.0.0.43"))
            .body("tls", equalTo("opportunistic"));
        Webadmin.given(a).get("/postino/routes/refused.test").then().statusCode(200)
            .body("source", equalTo("file")).body("action", equalTo("error"))
            .body("status", equalTo("5.7.1")).body("text", equalTo("we never deliver there"));

        Webadmin.given(a).body(relay("127.0.0.48")).put("/postino/routes/Filed.Test.").then().statusCode(204);
        Webadmin.given(a).get("/postino/routes/filed.test").then().statusCode(200)
            .body("source", equalTo("webadmin"))
            .body("host", equalTo("127.0.0.48"))
            .body("overrides", equalTo("smtp:[127.0.0.43]:" + lab.mxPort() + " tls=opportunistic"));
        Webadmin.given(a).get("/postino/routes").then().statusCode(200)
            .body("domain", hasItems("filed.test", "refused.test"));

        Webadmin.given(a).delete("/postino/routes/filed.test").then().statusCode(204);
        Webadmin.given(a).get("/postino/routes/filed.test").then().statusCode(200)
            .body("source", equalTo("file")).body("host", equalTo("127.0.0.43"));
    }

    @ParameterizedTest(name = "{0} → 400 {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "{\"port\": 25}                                                         | host",
        "{\"host\": \"relay..test\"}                                            | host",
        "{\"host\": \"[10.0.0.1]\"}                                             | host",
        "{\"host\": 7}                                                          | host",
        "{\"host\": \"relay.test\", \"port\": 0}                                | port",
        "{\"host\": \"relay.test\", \"port\": 70000}                            | port",
        "{\"host\": \"relay.test\", \"port\": \"25\"}                           | port",
        "{\"host\": \"relay.test\", \"tls\": \"maybe\"}                         | tls",
        "{\"host\": \"relay.test\", \"tls\": \"none\", \"auth\": {\"username\": \"u\", \"password\": \"p\"}} | tls",
        "{\"host\": \"10.0.0.1\", \"lookupMx\": true}                           | lookupMx",
        "{\"host\": \"relay.test\", \"lookupMx\": \"yes\"}                      | lookupMx",
        "{\"host\": \"relay.test\", \"auth\": {\"password\": \"p\"}}            | auth.username",
        "{\"host\": \"relay.test\", \"auth\": {\"username\": \"a b\", \"password\": \"p\"}} | auth.username",
        "{\"host\": \"relay.test\", \"auth\": {\"username\": \"u\"}}            | auth.password",
        "{\"host\": \"relay.test\", \"auth\": {\"username\": \"u\", \"password\": \"\"}} | auth.password",
        "{\"host\": \"relay.test\", \"auth\": {\"username\": \"u\", \"password\": \"p\", \"x\": 1}} | auth.x",
        "{\"host\": \"relay.test\", \"auth\": \"u:p\"}                          | auth",
        "{\"host\": \"relay.test\", \"colour\": \"red\"}                        | colour",
        "not json                                                               | body",
        "[]                                                                     | body",
        "``                                                                     | body",
    })
    void aMalformedFieldIs400NamingItAndChangesNothing(String body, String field) {
        Webadmin.given(a).body(body).put("/postino/routes/bad.test").then()
            .statusCode(400)
            .body("statusCode", equalTo(400))
            .body("type", equalTo("InvalidArgument"))
            .body("message", startsWith(field + ": "));
        Webadmin.given(a).get("/postino/routes/bad.test").then().statusCode(404);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"b..test", "-b.test", "10.0.0.5", "**"})
    void aMalformedDomainIs400NamingIt(String domain) {
        Webadmin.given(a).body(relay("127.0.0.49")).put("/postino/routes/" + domain).then()
            .statusCode(400).body("message", startsWith("domain: "));
        Webadmin.given(a).get("/postino/routes/" + domain).then().statusCode(400);
    }

    @Test
    void aBodySentAsAFormIs400NamingTheContentTypeToUse() {
        Webadmin.given(a).contentType("application/x-www-form-urlencoded").body(relay("127.0.0.49"))
            .put("/postino/routes/form.test").then().statusCode(400)
            .body("message", equalTo("body: a JSON object is required (it was sent as a form,"
                + " application/x-www-form-urlencoded: send it with Content-Type: application/json)"));
    }

    @Test
    void unknownRoutesAre404() {
        Webadmin.given(a).get("/postino/routes/nowhere.test").then().statusCode(404).body("type", equalTo("notFound"));
        Webadmin.given(a).delete("/postino/routes/nowhere.test").then().statusCode(404);
        Webadmin.given(a).delete("/postino/routes/refused.test").then().statusCode(404)
            .body("message", equalTo("no webadmin route for 'refused.test' (its route comes from routes.file: edit that file)"));
    }
}
