package dev.postino.it.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.postino.it.harness.Alice;
import dev.postino.it.harness.MxLab;
import dev.postino.it.harness.PostinoJames;
import dev.postino.it.harness.SmtpReplyLines;
import dev.postino.it.harness.SmtpSession;
import dev.postino.it.harness.Webadmin;
import dev.postino.testing.peer.ScriptedSmtpPeer;

// admin → PUT /postino/routes/kept.test + PUT /postino/limits/kept.test → stop → new server, same home →
// both still listed and in effect: alice's mail to kept.test → 127.0.0.51 (not its MX), SIZE over the limit → 552 5.3.4
class WebadminChangesSurviveRestartTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static MxLab lab;

    @BeforeAll
    static void start() {
        lab = MxLab.start();
    }

    @AfterAll
    static void stop() {
        lab.close();
    }

    @Test
    void routesAndLimitsSurviveARestartWithTheSameWorkingDirectory() {
        lab.zone().mx("kept.test", 10, "mx.kept.test").a("mx.kept.test", "127.0.0.52");
        ScriptedSmtpPeer mx = lab.peer("127.0.0.52");
        ScriptedSmtpPeer route = lab.peer("127.0.0.51");
        Path home;
        try (PostinoJames first = lab.postino("restart").build().start()) {
            Webadmin.given(first).body("{\"host\": \"127.0.0.51\", \"port\": " + lab.mxPort() + ", \"tls\": \"none\"}")
                .put("/postino/routes/kept.test").then().statusCode(204);
            Webadmin.given(first).body("{\"inbound\": \"50K\"}").put("/postino/limits/kept.test").then().statusCode(204);
            home = first.home();
        }

        try (PostinoJames second = lab.postino("restart").home(home).build().start()) {
            Webadmin.given(second).get("/postino/routes/kept.test").then().statusCode(200)
                .body("source", equalTo("webadmin")).body("host", equalTo("127.0.0.51"));
            Webadmin.given(second).get("/postino/limits/kept.test").then().statusCode(200)
                .body("inbound.limit", equalTo("50K")).body("inbound.source", equalTo("webadmin"));

            Alice alice = new Alice(second);
            alice.send("after the restart", "bob@kept.test");
            assertThat(route.awaitMessages(1, WAIT).get(0).content()).contains("Subject: after the restart");
            assertThat(mx.connectionCount()).isZero();

            try (SmtpSession smtp = SmtpSession.plain(second.submissionPort())) {
                smtp.ehlo("client.test");
                smtp.starttls();
                smtp.ehlo("client.test");
                assertThat(smtp.authPlain(Alice.ADDRESS, Alice.PASSWORD).code()).isEqualTo(235);
                assertThat(smtp.command("MAIL FROM:<" + Alice.ADDRESS + "> SIZE=100000").code()).isEqualTo(250);
                SmtpReplyLines reply = smtp.rcptTo("bob@kept.test");
                assertThat(reply.code()).isEqualTo(552);
                assertThat(reply.text()).startsWith("5.3.4");
            }
        }
    }
}
