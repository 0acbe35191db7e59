package dev.postino.it.webadmin;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

import dev.postino.it.harness.Alice;
import dev.postino.it.harness.MxLab;
import dev.postino.it.harness.PostinoJames;
import dev.postino.testing.peer.ScriptedSmtpPeer;

// alice → A [retry in 10 min, dead host 10 min] → MX of down.test refuses connections → GET /postino/queue
//   shows it → the MX comes back → POST …?action=flush → the MX has the mail in seconds, not 10 minutes
class FlushDownDestinationTest {
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
                    + "<maxQueueLifetime>1d</maxQueueLifetime><deadHostTime>10m</deadHostTime>"))
            .build().start();
        alice = new Alice(a);
        webadmin = Webadmin.of(a);
    }

    @AfterAll
    static void stop() {
        if (a != null) {
            a.close();
        }
        lab.close();
    }

    @Test
    void aFlushDeliversADeferredMailAtOnceAndTheDestinationIsUpAgain() {
        lab.zone().mx("down.test", 10, "mx.down.test").a("mx.down.test", "127.0.0.2");
        long deliveredBefore = metric("postino_delivery_delivered_total");
        Instant sent = Instant.now();
        alice.send("while down", "bob@down.test", "carol@down.test");

        JsonPath shape = await().atMost(Duration.ofSeconds(30)).until(
            () -> given().spec(webadmin).get("/postino/queue").then().statusCode(200).extract().jsonPath(),
            json -> json.getList("domain").contains("down.test") && json.getString("[0].lastError") != null);
        assertThat(shape.getString("[0].domain")).isEqualTo("down.test");
        assertThat(shape.getInt("[0].mails")).isEqualTo(1);
        assertThat(shape.getInt("[0].recipients")).isEqualTo(2);
        assertThat(shape.getString("[0].lastError")).startsWith("4.4.1 ").containsIgnoringCase("refused");
        Instant next = Instant.parse(shape.getString("[0].nextAttempt"));
        assertThat(next).isAfter(sent.plus(Duration.ofMinutes(9)));
        assertThat(Instant.parse(shape.getString("[0].oldestArrival"))).isBetween(sent.minusSeconds(1), Instant.now());

        JsonPath mails = given().spec(webadmin).get("/postino/queue/DOWN.test.").then().statusCode(200).extract().jsonPath();
        assertThat(mails.getList("$")).hasSize(1);
        assertThat(mails.getString("[0].sender")).isEqualTo("alice@a.test");
        assertThat(mails.getString("[0].location")).isEqualTo("queue");
        assertThat(mails.getString("[0].queue")).isEqualTo("postino-outgoing");
        assertThat(mails.getInt("[0].attempts")).isEqualTo(1);
        assertThat(mails.getList("[0].recipients.address")).containsExactly("bob@down.test", "carol@down.test");
        assertThat(mails.getString("[0].lastReply")).startsWith("4.4.1 ").containsIgnoringCase("refused");
        assertThat(mails.getString("[0].recipients[0].lastReply")).isEqualTo(mails.getString("[0].lastReply"));
        assertThat(Instant.parse(mails.getString("[0].nextAttempt"))).isEqualTo(next);

        Map<String, Object> destination = destination("down.test");
        assertThat(destination).containsEntry("down", true).containsEntry("consecutiveFailures", 1)
            .containsEntry("connectionsOpen", 0).doesNotContainKey("lastSuccess");
        assertThat(destination.get("addresses")).isEqualTo(List.of("127.0.0.2:" + lab.mxPort()));
        assertThat((String) destination.get("lastError")).containsIgnoringCase("refused");

        ScriptedSmtpPeer mx = lab.peer("127.0.0.2");
        JsonPath task = Webadmin.runTask(webadmin, "/postino/queue/down.test?action=flush");
        assertThat(task.getString("status")).isEqualTo("completed");
        assertThat(task.getString("type")).isEqualTo("postino-queue-flush");
        assertThat(task.getString("additionalInformation.domain")).isEqualTo("down.test");
        assertThat(task.getInt("additionalInformation.mails")).isEqualTo(1);
        assertThat(task.getInt("additionalInformation.busy")).isZero();

        assertThat(mx.awaitMessages(1, Duration.ofSeconds(30))).hasSize(1);
        assertThat(mx.messages().get(0).recipientAddresses()).containsExactly("bob@down.test", "carol@down.test");
        assertThat(Instant.now()).as("well before the scheduled retry").isBefore(next.minus(Duration.ofMinutes(8)));
        await().atMost(Duration.ofSeconds(10)).until(
            () -> given().spec(webadmin).get("/postino/queue").then().extract().jsonPath().getList("$").isEmpty());
        assertThat(given().spec(webadmin).get("/postino/queue/down.test").then().statusCode(200)
            .extract().jsonPath().getList("$")).isEmpty();
        Map<String, Object> up = destination("down.test");
        assertThat(up).containsEntry("down", false).containsEntry("consecutiveFailures", 0).containsKey("lastSuccess");
        assertThat(metric("postino_delivery_delivered_total")).as("two recipients delivered").isEqualTo(deliveredBefore + 2);
        assertThat(metric("postino_delivery_deferred_total")).isGreaterThanOrEqualTo(2);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> mx.messages().size() == 1);
    }

    @Test
    void aDeliveryCountsInTheMetricsAndOpenConnectionsShow() {
        lab.zone().mx("up.test", 10, "mx.up.test").a("mx.up.test", "127.0.0.3");
        ScriptedSmtpPeer mx = lab.peer("127.0.0.3");
        long before = metric("postino_delivery_delivered_total");

        alice.send("counted", "dave@up.test");

        assertThat(mx.awaitMessages(1, Duration.ofSeconds(30))).hasSize(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> metric("postino_delivery_delivered_total") == before + 1);
        String metrics = given().spec(webadmin).accept("text/plain").get("/metrics").then().statusCode(200)
            .extract().asString();
        assertThat(metrics).containsPattern("(?m)^postino_delivery_latency_count [1-9]")
            .contains("postino_delivery_bounced_total").contains("postino_delivery_delay_dsns_total");
        // The connection is kept for the next mail (connectionIdleTime 30 s): it shows open.
        assertThat(destination("up.test")).containsEntry("connectionsOpen", 1).containsEntry("down", false);
        assertThat(metric("postino_delivery_connections_open")).isGreaterThanOrEqualTo(1);
    }

    private static Map<String, Object> destination(String name) {
        List<Map<String, Object>> rows = given().spec(webadmin).get("/postino/destinations").then().statusCode(200)
            .extract().jsonPath().getList("$");
        return rows.stream().filter(row -> name.equals(row.get("destination"))).findFirst()
            .orElseThrow(() -> new AssertionError(name + " not in " + rows));
    }

    /**
     * A value from James's Prometheus page ({@code GET /metrics}); 0 when not there yet. James's
     * counters are Dropwizard meters: Prometheus shows them with {@code _total}.
     */
    private static long metric(String name) {
        String page = given().spec(webadmin).accept("text/plain").get("/metrics").then().statusCode(200)
            .extract().asString();
        Matcher matcher = Pattern.compile("(?m)^" + name + " ([0-9.eE+]+)$").matcher(page);
        return matcher.find() ? (long) Double.parseDouble(matcher.group(1)) : 0;
    }
}
