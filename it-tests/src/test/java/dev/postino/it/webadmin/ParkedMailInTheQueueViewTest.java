package dev.postino.it.webadmin;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

import dev.postino.it.harness.Alice;
import dev.postino.it.harness.DelayIgnoringQueues;
import dev.postino.it.harness.MxLab;
import dev.postino.it.harness.PostinoJames;
import dev.postino.testing.peer.Phase;
import dev.postino.testing.peer.ScriptedSmtpPeer;

// alice → A [queue that ignores delays, like RabbitMQ; retry in 10 min] → MX 451 → mail parked in the deferred
//   repository → GET /postino/queue shows it (location "deferred") → flush → the MX has it in seconds
class ParkedMailInTheQueueViewTest {
    private static MxLab lab;
    private static PostinoJames a;
    private static Alice alice;
    private static RequestSpecification webadmin;

    @BeforeAll
    static void start() {
        lab = MxLab.start();
        a = lab.postino("a")
            .override(DelayIgnoringQueues.module())
            .editConf("mailetcontainer.xml", MxLab.routeByMx(
                "<retrySchedule>10m</retrySchedule><retryJitter>0</retryJitter><delayWarningAfter>0</delayWarningAfter>"
                    + "<maxQueueLifetime>1d</maxQueueLifetime><deferredSweepInterval>1s</deferredSweepInterval>"))
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
    void aParkedMailIsListedAndAFlushSendsItNow() {
        lab.zone().mx("slow.test", 10, "mx.slow.test").a("mx.slow.test", "127.0.0.2");
        ScriptedSmtpPeer mx = lab.peer("127.0.0.2");
        mx.script().on(Phase.RCPT).reply("451 4.7.1 greylisted, come back in 10 minutes").once();

        alice.send("parked", "bob@slow.test");

        JsonPath mails = await().atMost(Duration.ofSeconds(30)).until(
            () -> given().spec(webadmin).get("/postino/queue/slow.test").then().statusCode(200).extract().jsonPath(),
            json -> "deferred".equals(json.getString("[0].location")));
        assertThat(mails.getInt("[0].attempts")).isEqualTo(1);
        assertThat(mails.getString("[0].lastReply")).isEqualTo("451 4.7.1 greylisted, come back in 10 minutes");
        Instant next = Instant.parse(mails.getString("[0].nextAttempt"));
        assertThat(next).isAfter(Instant.now().plus(Duration.ofMinutes(9)));
        JsonPath shape = given().spec(webadmin).get("/postino/queue").then().statusCode(200).extract().jsonPath();
        assertThat(shape.getString("[0].domain")).isEqualTo("slow.test");
        assertThat(shape.getString("[0].lastError")).isEqualTo("451 4.7.1 greylisted, come back in 10 minutes");

        JsonPath task = Webadmin.runTask(webadmin, "/postino/queue/slow.test?action=flush");

        assertThat(task.getInt("additionalInformation.mails")).isEqualTo(1);
        assertThat(mx.awaitMessages(1, Duration.ofSeconds(30))).hasSize(1);
        assertThat(Instant.now()).isBefore(next.minus(Duration.ofMinutes(8)));
        await().atMost(Duration.ofSeconds(10)).until(
            () -> given().spec(webadmin).get("/postino/queue").then().extract().jsonPath().getList("$").isEmpty());
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(6)).until(() -> mx.messages().size() == 1);
    }
}
