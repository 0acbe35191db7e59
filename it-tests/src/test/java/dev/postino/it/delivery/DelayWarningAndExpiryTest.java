package dev.postino.it.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.postino.it.harness.Alice;
import dev.postino.it.harness.MxLab;
import dev.postino.it.harness.PostinoJames;
import dev.postino.testing.peer.ScriptedSmtpPeer;

// alice → A [retry 1s, warn after 3s, give up after 15s] → MX down → delay DSN → (MX up: delivered | never: 4.4.7 DSN + failed repository)
class DelayWarningAndExpiryTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static MxLab lab;
    private static PostinoJames a;
    private static Alice alice;

    @BeforeAll
    static void start() {
        lab = MxLab.start();
        a = lab.postino("a")
            .editConf("mailetcontainer.xml", MxLab.routeByMx(
                "<retrySchedule>1s</retrySchedule><delayWarningAfter>3s</delayWarningAfter>"
                    + "<maxQueueLifetime>15s</maxQueueLifetime><deadHostTime>0</deadHostTime>"
                    + "<connectTimeout>2s</connectTimeout>"))
            .build().start();
        alice = new Alice(a);
        // Sent now, so its 15 s run to expiry overlaps the other test instead of following it.
        lab.zone().mx("never.test", 10, "mx.never.test").a("mx.never.test", "127.0.0.3");
        alice.send("too late", "bob@never.test");
    }

    @AfterAll
    static void stop() {
        if (a != null) {
            a.close();
        }
        lab.close();
    }

    @Test
    void aDownMxPastTheWarningGetsOneDelayDsnThenTheMailWhenItComesBack() {
        lab.zone().mx("comeback.test", 10, "mx.comeback.test").a("mx.comeback.test", "127.0.0.2");

        alice.send("patience", "bob@comeback.test");

        String delayed = await().atMost(WAIT).until(() -> alice.dsnsAbout("patience", "delayed"), l -> !l.isEmpty()).get(0);
        assertThat(delayed).contains("Status: 4.4.1").contains("Will-Retry-Until:")
            .contains("Final-Recipient: rfc822; bob@comeback.test");

        ScriptedSmtpPeer mx = lab.peer("127.0.0.2");
        assertThat(mx.awaitMessages(1, WAIT)).hasSize(1);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
            .until(() -> alice.dsnsAbout("patience", "failed").isEmpty() && alice.dsnsAbout("patience", "delayed").size() == 1);
        assertThat(mx.messages()).hasSize(1);
    }

    @Test
    void aDownMxPastTheMaxAgeGivesAFailureDsnAndKeepsTheMail() {
        // "too late" to bob@never.test was sent at start-up.
        String failed = await().atMost(WAIT).until(() -> alice.dsnsAbout("too late", "failed"), l -> !l.isEmpty()).get(0);
        assertThat(failed).contains("Status: 4.4.7").contains("Final-Recipient: rfc822; bob@never.test");
        assertThat(alice.dsnsAbout("too late", "delayed")).hasSize(1);
        String repository = "var%2Fmail%2Fpostino-failed";
        assertThat(a.webadmin().get("/mailRepositories/" + repository + "/mails")).contains("\"");
    }
}
