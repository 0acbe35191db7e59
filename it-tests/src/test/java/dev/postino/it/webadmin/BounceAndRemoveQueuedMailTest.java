package dev.postino.it.webadmin;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

import dev.postino.it.harness.Alice;
import dev.postino.it.harness.MxLab;
import dev.postino.it.harness.PostinoJames;

// alice → A [retry in 10 min] → gone.test and stay.test unreachable → POST …/gone.test?action=bounce → DSN 5.0.0 to
//   alice for bob@gone.test, carol@stay.test still queued with her history; DELETE one mail with and without a DSN
class BounceAndRemoveQueuedMailTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String FAILED = "/mailRepositories/var%2Fmail%2Fpostino-failed/mails";
    private static MxLab lab;
    private static PostinoJames a;
    private static Alice alice;
    private static RequestSpecification webadmin;

    @BeforeAll
    static void start() {
        lab = MxLab.start();
        a = lab.postino("a")
            .editConf("mailetcontainer.xml", MxLab.routeByMx(
                "<retrySchedule>10m</retrySchedule><retryJitter>0</retryJitter><delayWarningAfter>0</delayWarningAfter>"
                    + "<maxQueueLifetime>1d</maxQueueLifetime>"))
            .build().start();
        alice = new Alice(a);
        webadmin = Webadmin.of(a);
        // Nobody listens on these: every attempt is refused, every mail stays queued.
        lab.zone().mx("gone.test", 10, "mx.gone.test").a("mx.gone.test", "127.0.0.2")
            .mx("stay.test", 10, "mx.stay.test").a("mx.stay.test", "127.0.0.3")
            .mx("drop.test", 10, "mx.drop.test").a("mx.drop.test", "127.0.0.4")
            .mx("many.test", 10, "mx.many.test").a("mx.many.test", "127.0.0.5")
            .mx("d1.test", 10, "mx.d1.test").a("mx.d1.test", "127.0.0.6")
            .mx("d2.test", 10, "mx.d2.test").a("mx.d2.test", "127.0.0.7");
    }

    @AfterAll
    static void stop() {
        if (a != null) {
            a.close();
        }
        lab.close();
    }

    @Test
    void bounceGivesUpOnOneDomainAndKeepsTheOtherQueued() {
        alice.send("two domains", "bob@gone.test", "carol@stay.test");
        JsonPath before = awaitTried("stay.test", "carol@stay.test");
        String id = before.getString("[0].id");

        JsonPath task = Webadmin.runTask(webadmin, "/postino/queue/gone.test?action=bounce");

        assertThat(task.getString("status")).isEqualTo("completed");
        assertThat(task.getString("type")).isEqualTo("postino-queue-bounce");
        assertThat(task.getInt("additionalInformation.mails")).isEqualTo(1);
        String dsn = await().atMost(WAIT).until(() -> alice.dsnsAbout("two domains"), l -> !l.isEmpty()).get(0);
        assertThat(dsn).contains("Action: failed")
            .contains("Final-Recipient: rfc822; bob@gone.test")
            .contains("Status: 5.0.0")
            .contains("removed from the queue by the postmaster after 1 delivery attempt")
            .doesNotContain("Final-Recipient: rfc822; carol@stay.test");
        assertThat(mailsOf("gone.test").getList("$")).isEmpty();
        JsonPath stay = mailsOf("stay.test");
        assertThat(stay.getList("$")).hasSize(1);
        assertThat(stay.getList("[0].recipients.address")).containsExactly("carol@stay.test");
        assertThat(stay.getInt("[0].attempts")).as("her history stays").isEqualTo(1);
        assertThat(stay.getString("[0].lastReply")).containsIgnoringCase("refused");
        assertThat(stay.getString("[0].nextAttempt")).isEqualTo(before.getString("[0].nextAttempt"));
        assertThat(stay.getString("[0].id")).isEqualTo(id + "~2");
        assertThat(given().spec(webadmin).get(FAILED).then().statusCode(200).extract().jsonPath().getList("$"))
            .containsExactly(id + "~1");
        await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(60)).until(() -> alice.dsnsAbout("two domains").size() == 1);
    }

    @Test
    void removingAMailSendsADsnUnlessToldNotTo() {
        alice.send("remove and tell", "erin@drop.test");
        alice.send("remove quietly", "frank@drop.test");
        String told = idOf(awaitTried("drop.test", "erin@drop.test"), "erin@drop.test");
        String quiet = idOf(awaitTried("drop.test", "frank@drop.test"), "frank@drop.test");

        given().spec(webadmin).delete("/postino/queue/mails/" + told).then().statusCode(204);
        given().spec(webadmin).delete("/postino/queue/mails/" + quiet + "?notify=false").then().statusCode(204);

        String dsn = await().atMost(WAIT).until(() -> alice.dsnsAbout("remove and tell"), l -> !l.isEmpty()).get(0);
        assertThat(dsn).contains("Final-Recipient: rfc822; erin@drop.test").contains("Status: 5.0.0");
        assertThat(mailsOf("drop.test").getList("id")).doesNotContain(told, quiet);
        given().spec(webadmin).delete("/postino/queue/mails/" + told).then().statusCode(404)
            .body("type", org.hamcrest.Matchers.equalTo("notFound"))
            .body("message", containsString(told));
        await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(60)).until(() -> alice.dsnsAbout("remove quietly").isEmpty());
    }

    @Test
    void aDomainWithNothingQueuedIsAnEmptyList() {
        assertThat(mailsOf("nothing.test").getList("$")).isEmpty();
        JsonPath task = Webadmin.runTask(webadmin, "/postino/queue/nothing.test?action=flush");
        assertThat(task.getString("status")).isEqualTo("completed");
        assertThat(task.getInt("additionalInformation.mails")).isZero();
    }

    @Test
    void aDomainsMailsAreListedAPageAtATimeOldestFirst() {
        for (int i = 1; i <= 3; i++) {
            alice.send("page " + i, "user" + i + "@many.test");
            awaitTried("many.test", "user" + i + "@many.test");
        }
        List<String> oldestFirst = mailsOf("many.test").getList("id");
        assertThat(oldestFirst).hasSize(3);

        assertThat(mailsOf("many.test?limit=2").getList("id")).containsExactlyElementsOf(oldestFirst.subList(0, 2));
        assertThat(mailsOf("many.test?limit=2&offset=2").getList("id")).containsExactly(oldestFirst.get(2));
        assertThat(mailsOf("many.test?offset=3").getList("$")).isEmpty();

        badRequest(given().spec(webadmin).get("/postino/queue/many.test?limit=0"), "'limit' query parameter '0'");
        badRequest(given().spec(webadmin).get("/postino/queue/many.test?limit=-1"), "'limit' query parameter '-1'");
        badRequest(given().spec(webadmin).get("/postino/queue/many.test?limit=ten"), "'limit' query parameter 'ten'");
        badRequest(given().spec(webadmin).get("/postino/queue/many.test?limit=10001"), "'limit' query parameter '10001'");
        badRequest(given().spec(webadmin).get("/postino/queue/many.test?offset=-1"), "'offset' query parameter '-1'");
    }

    @Test
    void destinationsAreListedAPageAtATime() {
        alice.send("two destinations", "dave@d1.test", "eve@d2.test");
        List<String> all = await().atMost(WAIT).until(
            () -> given().spec(webadmin).get("/postino/destinations").then().statusCode(200).extract().jsonPath()
                .getList("destination", String.class),
            list -> list.contains("d1.test") && list.contains("d2.test"));

        assertThat(destinations("?limit=1")).containsExactly(all.get(0));
        assertThat(destinations("?limit=1&offset=1")).containsExactly(all.get(1));
        assertThat(destinations("?offset=" + all.size())).isEmpty();
        badRequest(given().spec(webadmin).get("/postino/destinations?limit=0"), "'limit' query parameter '0'");
        badRequest(given().spec(webadmin).get("/postino/destinations?offset=x"), "'offset' query parameter 'x'");
    }

    private static List<String> destinations(String query) {
        return given().spec(webadmin).get("/postino/destinations" + query).then().statusCode(200).extract().jsonPath()
            .getList("destination", String.class);
    }

    @Test
    void malformedRequestsAreRefusedNamingTheField() {
        badRequest(given().spec(webadmin).get("/postino/queue/b..test"), "'domain' path parameter 'b..test'");
        badRequest(given().spec(webadmin).get("/postino/queue/b_c.test"), "'domain' path parameter 'b_c.test'");
        badRequest(given().spec(webadmin).post("/postino/queue/-b.test?action=flush"), "'domain' path parameter '-b.test'");
        badRequest(given().spec(webadmin).post("/postino/queue/b..test?action=bounce"), "'domain' path parameter 'b..test'");
        badRequest(given().spec(webadmin).post("/postino/queue/b.test"), "'action' query parameter is compulsory");
        badRequest(given().spec(webadmin).post("/postino/queue/b.test?action=nuke"),
            "Invalid value supplied for query parameter 'action': nuke");
        badRequest(given().spec(webadmin).delete("/postino/queue/mails/whatever?notify=maybe"),
            "Invalid 'notify' query parameter 'maybe'");
        given().spec(webadmin).delete("/postino/queue/mails/Mail0-no-such-mail").then().statusCode(404)
            .body("statusCode", org.hamcrest.Matchers.equalTo(404));
    }

    private static void badRequest(io.restassured.response.Response response, String named) {
        String body = response.then().statusCode(400).body("statusCode", org.hamcrest.Matchers.equalTo(400))
            .body("type", org.hamcrest.Matchers.equalTo("InvalidArgument")).extract().asString();
        assertThat(body).contains(named);
    }

    private static JsonPath mailsOf(String domain) {
        return given().spec(webadmin).get("/postino/queue/" + domain).then().statusCode(200).extract().jsonPath();
    }

    /** Waits until a mail to {@code recipient} was tried once: it is then queued for 10 minutes. */
    private static JsonPath awaitTried(String domain, String recipient) {
        return await().atMost(WAIT).until(() -> mailsOf(domain), json -> {
            List<String> ids = json.getList("id");
            for (int i = 0; i < ids.size(); i++) {
                if (json.getList("[" + i + "].recipients.address").contains(recipient) && json.getInt("[" + i + "].attempts") >= 1) {
                    return true;
                }
            }
            return false;
        });
    }

    private static String idOf(JsonPath mails, String recipient) {
        List<String> ids = mails.getList("id");
        for (int i = 0; i < ids.size(); i++) {
            if (mails.getList("[" + i + "].recipients.address").contains(recipient)) {
                return ids.get(i);
            }
        }
        throw new AssertionError(recipient + " not queued: " + mails.prettify());
    }
}
