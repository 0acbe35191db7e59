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

import dev.postino.it.harness.Alice;
import dev.postino.it.harness.Messages;
import dev.postino.it.harness.MxLab;
import dev.postino.it.harness.PostinoJames;
import dev.postino.it.harness.Webadmin;
import dev.postino.testing.peer.Phase;
import dev.postino.testing.peer.ScriptedSmtpPeer;

// alice (AUTH) → GTUBE to carol@c.test → held in the spam quarantine → GET /mailRepositories/{path}/mails lists it →
// PATCH …/mails?action=reprocess&processor=relay (admin judged it a false positive) → MX c.test gets it, the quarantine is empty
// alice → GTUBE to gone@d.test → held → released → MX d.test [RCPT 550] → alice gets a DSN (her verified address: no backscatter)
// alice → GTUBE with a Content-Type javax.mail cannot parse → held too, MX e.test gets nothing
class QuarantinedMailIsReleasedTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String GTUBE = "XJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X";
    // conf/mailetcontainer.xml: QuarantineSpam <repositoryPath>jpa://var/mail/postino-spam-quarantine/ (memory:// here);
    // webadmin names a repository by its path, URL-encoded.
    private static final String QUARANTINE = "/mailRepositories/"
        + URLEncoder.encode("var/mail/postino-spam-quarantine", StandardCharsets.UTF_8);
    private static MxLab lab;
    private static PostinoJames a;
    private static Alice alice;

    @BeforeAll
    static void start() {
        lab = MxLab.start();
        a = lab.postino("a").build().start();
        alice = new Alice(a);
    }

    @AfterAll
    static void stop() {
        if (a != null) {
            a.close();
        }
        lab.close();
    }

    private static String gtube(String to, String subject) {
        return Messages.simple(Alice.ADDRESS, to, subject, "quoting a test string\n" + GTUBE + "\n");
    }

    /** Submits this message as alice and returns its key in the quarantine, which held nothing before. */
    private static String holdInQuarantine(String to, String message) {
        alice.sendRaw(List.of(to), message);
        List<String> keys = await().atMost(WAIT).until(
            () -> Webadmin.given(a).get(QUARANTINE + "/mails").then().statusCode(200).extract().jsonPath()
                .getList("", String.class), l -> !l.isEmpty());
        assertThat(keys).hasSize(1);
        return keys.get(0);
    }

    @Test
    void aQuarantinedMailIsListedAndReprocessedThroughJamesOwnRoutes() {
        lab.zone().mx("c.test", 10, "mx.c.test").a("mx.c.test", "127.0.0.33");
        ScriptedSmtpPeer mxC = lab.peer("127.0.0.33");
        double quarantined = Webadmin.metric(a, "postino_spam_quarantined_total");

        String key = holdInQuarantine("carol@c.test", gtube("carol@c.test", "not really spam"));

        Webadmin.given(a).accept("application/json").get(QUARANTINE + "/mails/" + key).then().statusCode(200)
            .body("sender", equalTo("alice@a.test"))
            .body("recipients[0]", equalTo("carol@c.test"));
        assertThat(Webadmin.metric(a, "postino_spam_quarantined_total")).isEqualTo(quarantined + 1);
        assertThat(mxC.connectionCount()).isZero();

        String taskId = Webadmin.given(a).patch(QUARANTINE + "/mails?action=reprocess&processor=relay").then()
            .statusCode(201).extract().jsonPath().getString("taskId");
        Webadmin.given(a).get("/tasks/" + taskId + "/await").then().body("status", equalTo("completed"));

        assertThat(mxC.awaitMessages(1, WAIT).get(0).content()).contains("Subject: not really spam");
        Webadmin.given(a).get(QUARANTINE + "/mails").then().body("size()", equalTo(0));
    }

    @Test
    void aReleasedMailThatTheRemoteRefusesIsBouncedToItsAuthenticatedSender() {
        lab.zone().mx("d.test", 10, "mx.d.test").a("mx.d.test", "127.0.0.34");
        ScriptedSmtpPeer mxD = lab.peer("127.0.0.34");
        mxD.script().on(Phase.RCPT).reply("550 5.1.1 <gone@d.test>: no such user").always();

        String key = holdInQuarantine("gone@d.test", gtube("gone@d.test", "released then refused"));
        String taskId = Webadmin.given(a).patch(QUARANTINE + "/mails/" + key + "?action=reprocess&processor=relay")
            .then().statusCode(201).extract().jsonPath().getString("taskId");
        Webadmin.given(a).get("/tasks/" + taskId + "/await").then().body("status", equalTo("completed"));

        String dsn = await().atMost(WAIT).until(() -> alice.dsnsAbout("released then refused"), l -> !l.isEmpty()).get(0);
        assertThat(dsn).contains("Final-Recipient: rfc822; gone@d.test").contains("Action: failed")
            .contains("Diagnostic-Code: smtp; 550 5.1.1 <gone@d.test>: no such user");
        assertThat(mxD.messages()).isEmpty();
        Webadmin.given(a).get(QUARANTINE + "/mails").then().body("size()", equalTo(0));
    }

    // alice → GTUBE without a Date (CompleteSubmission adds one) and with a Content-Type javax.mail cannot parse
    //   → held like any spam, never relayed to MX e.test
    @Test
    void spamWithAContentTypeJavaMailCannotParseIsHeldToo() {
        lab.zone().mx("e.test", 10, "mx.e.test").a("mx.e.test", "127.0.0.35");
        ScriptedSmtpPeer mxE = lab.peer("127.0.0.35");
        String message = gtube("erin@e.test", "broken type").replace("text/plain; charset=UTF-8", "text/plain; charset")
            .replaceFirst("Date: [^\r]*\r\n", "");

        String key = holdInQuarantine("erin@e.test", message);

        Webadmin.given(a).delete(QUARANTINE + "/mails/" + key).then().statusCode(204);
        assertThat(mxE.connectionCount()).isZero();
    }
}
