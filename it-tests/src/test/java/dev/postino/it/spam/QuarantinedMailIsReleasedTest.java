package dev.postino.it.spam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.postino.it.harness.Messages;
import dev.postino.it.harness.MxLab;
import dev.postino.it.harness.PostinoJames;
import dev.postino.it.harness.SmtpSession;
import dev.postino.it.harness.Webadmin;
import dev.postino.testing.peer.ScriptedSmtpPeer;

// alice (AUTH) → GTUBE to carol@c.test → held in the spam quarantine → GET /mailRepositories/{path}/mails lists it →
// PATCH …/mails?action=reprocess&processor=relay (admin judged it a false positive) → MX c.test gets it, the quarantine is empty
class QuarantinedMailIsReleasedTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String GTUBE = "XJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X";
    // conf/mailetcontainer.xml: QuarantineSpam <repositoryPath>jpa://var/mail/postino-spam-quarantine/ (memory:// here);
    // webadmin names a repository by its path, URL-encoded.
    private static final String QUARANTINE = "/mailRepositories/"
        + URLEncoder.encode("var/mail/postino-spam-quarantine", StandardCharsets.UTF_8);
    private static MxLab lab;
    private static PostinoJames a;

    @BeforeAll
    static void start() {
        lab = MxLab.start();
        a = lab.postino("a").build().start();
        a.addUser("alice@a.test", "alice-secret");
    }

    @AfterAll
    static void stop() {
        if (a != null) {
            a.close();
        }
        lab.close();
    }

    @Test
    void aQuarantinedMailIsListedAndReprocessedThroughJamesOwnRoutes() {
        lab.zone().mx("c.test", 10, "mx.c.test").a("mx.c.test", "127.0.0.33");
        ScriptedSmtpPeer mxC = lab.peer("127.0.0.33");
        SmtpSession.submit(a.submissionPort(), "alice@a.test", "alice-secret", "alice@a.test", List.of("carol@c.test"),
            Messages.simple("alice@a.test", "carol@c.test", "not really spam", "quoting a test string\n" + GTUBE + "\n"));

        List<String> keys = await().atMost(WAIT).until(
            () -> Webadmin.given(a).get(QUARANTINE + "/mails").then().statusCode(200).extract().jsonPath()
                .getList("", String.class), l -> !l.isEmpty());
        assertThat(keys).hasSize(1);
        Webadmin.given(a).accept("application/json").get(QUARANTINE + "/mails/" + keys.get(0)).then().statusCode(200)
            .body("sender", equalTo("alice@a.test"))
            .body("recipients[0]", equalTo("carol@c.test"));
        assertThat(Webadmin.metric(a, "postino_spam_quarantined_total")).isEqualTo(1);
        assertThat(mxC.connectionCount()).isZero();

        String taskId = Webadmin.given(a).patch(QUARANTINE + "/mails?action=reprocess&processor=relay").then()
            .statusCode(201).extract().jsonPath().getString("taskId");
        Webadmin.given(a).get("/tasks/" + taskId + "/await").then().body("status", equalTo("completed"));

        assertThat(mxC.awaitMessages(1, WAIT).get(0).content()).contains("Subject: not really spam");
        Webadmin.given(a).get(QUARANTINE + "/mails").then().body("size()", equalTo(0));
    }
}
