package dev.postino.it.hardening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.postino.it.harness.MxLab;
import dev.postino.it.harness.PostinoJames;
import dev.postino.it.harness.RawSmtpClient;
import dev.postino.it.harness.RawSmtpClient.Reply;
import dev.postino.it.harness.SmtpReplyLines;
import dev.postino.it.harness.SmtpSession;
import dev.postino.testing.peer.ScriptedSmtpPeer;

// stranger (127.0.0.1, no AUTH) → a.test(25) RCPT <tricky forms of user@remote.test> → refused at RCPT;
// remote.test's MX (scripted, 127.0.0.2) must never see a connection
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OpenRelayMatrixTest {
    private static MxLab lab;
    private static ScriptedSmtpPeer remoteMx;
    private static PostinoJames a;

    @BeforeAll
    static void start() {
        lab = MxLab.start();
        // Every name a relay could end up delivering to points at one observable MX.
        for (String domain : List.of("remote.test", "a.test.remote.test")) {
            lab.zone().mx(domain, 10, "mx.remote.test");
        }
        lab.zone().a("mx.remote.test", "127.0.0.2");
        remoteMx = lab.peer("127.0.0.2");
        a = lab.postino("a")
            .editConf("mailetcontainer.xml", MxLab.routeByMx(
                "<retrySchedule>1s</retrySchedule><deadHostTime>0</deadHostTime><connectTimeout>2s</connectTimeout>"))
            .build().start();
        a.addUser("user@a.test", "user-secret").addUser("alice@a.test", "alice-secret");
    }

    @AfterAll
    static void stop() {
        if (a != null) {
            a.close();
        }
        lab.close();
    }

    /**
     * RCPT argument exactly as sent (brackets included) and the reply it must get: every form is
     * refused at RCPT, none is accepted even for a local mailbox. 550 5.7.1 is James's relay
     * check; 550 5.1.1 an unknown local user; 553 5.1.3 and 501 5.5.2 James's address parser.
     */
    private static final List<List<String>> FORMS = List.of(
        List.of("<user@remote.test>", "550", "5.7.1"),
        List.of("<user%remote.test@a.test>", "550", "5.1.1"),
        // James 3.8.1 answered 451 4.0.0 here (ValidRcptHandler failed on the '@'): RefuseAtSignInLocalPart.
        List.of("<\"user@remote.test\"@a.test>", "550", "5.1.1"),
        List.of("<@a.test:user@remote.test>", "553", "5.1.3"),
        List.of("<remote.test!user@a.test>", "550", "5.1.1"),
        List.of("<user@remote.test@a.test>", "553", "5.1.3"),
        List.of("<user@[203.0.113.5]>", "550", "5.7.1"),
        List.of("<user@REMOTE.TEST>", "550", "5.7.1"),
        List.of("<user@remote.test.>", "553", "5.1.3"),
        List.of("<user@a.test.remote.test>", "550", "5.7.1"),
        List.of("<user@remote.test", "501", "5.5.2"),
        List.of("user@remote.test", "501", "5.5.2"),
        List.of("<<user@remote.test>>", "553", "5.1.3"));

    /** Each form from a stranger and from a sender in one of our own domains, which grants nothing. */
    static Stream<Arguments> relayAttempts() {
        return FORMS.stream().flatMap(form -> Stream.of(
            Arguments.of(form.get(0), "stranger@outside.test", Integer.parseInt(form.get(1)), form.get(2)),
            Arguments.of(form.get(0), "alice@a.test", Integer.parseInt(form.get(1)), form.get(2))));
    }

    @Order(1)
    @ParameterizedTest(name = "RCPT TO:{0} from <{1}> → {2} {3}")
    @MethodSource("relayAttempts")
    void everyRelayFormIsRefusedAtRcpt(String rcptArgument, String sender, int code, String status) {
        try (RawSmtpClient smtp = RawSmtpClient.connect(a.smtpPort())) {
            assertThat(smtp.reply().code()).isEqualTo(220);
            assertThat(smtp.command("EHLO stranger.outside.test").code()).isEqualTo(250);
            assertThat(smtp.command("MAIL FROM:<" + sender + ">").code()).isEqualTo(250);
            Reply rcpt = smtp.command("RCPT TO:" + rcptArgument);
            assertThat(rcpt.code()).as("RCPT TO:%s → %s", rcptArgument, rcpt).isEqualTo(code);
            assertThat(rcpt.text()).as("RCPT TO:%s → %s", rcptArgument, rcpt).startsWith(status + " ");
            Reply data = smtp.command("DATA");
            assertThat(data.code()).as("no recipient, so no DATA: %s", data).isEqualTo(503);
        }
    }

    @Order(2)
    @Test
    void aRefusedAuthOnPort25GrantsNothing() {
        try (RawSmtpClient smtp = RawSmtpClient.connect(a.smtpPort())) {
            smtp.reply();
            smtp.command("EHLO stranger.outside.test");
            // user@a.test / user-secret, the right password: port 25 still does not take AUTH.
            Reply auth = smtp.command("AUTH PLAIN AHVzZXJAYS50ZXN0AHVzZXItc2VjcmV0");
            assertThat(auth.code()).as("AUTH on port 25: %s", auth).isBetween(500, 599);
            assertThat(smtp.command("MAIL FROM:<user@a.test>").code()).isEqualTo(250);
            Reply rcpt = smtp.command("RCPT TO:<user@remote.test>");
            assertThat(rcpt.code()).as("RCPT after refused AUTH: %s", rcpt).isEqualTo(550);
            assertThat(rcpt.text()).startsWith("5.7.1");
        }
    }

    @Order(3)
    @Test
    void afterAFailedAuthOnSubmissionNoForm() {
        try (SmtpSession smtp = SmtpSession.plain(a.submissionPort())) {
            smtp.ehlo("client.test");
            assertThat(smtp.starttls().code()).isEqualTo(220);
            smtp.ehlo("client.test");
            assertThat(smtp.authPlain("user@a.test", "wrong").code()).isEqualTo(535);
            assertThat(smtp.mailFrom("stranger@outside.test").code()).isEqualTo(250);
            for (List<String> form : FORMS) {
                SmtpReplyLines rcpt = smtp.command("RCPT TO:" + form.get(0));
                // Where port 25 says "550 5.7.1 relaying denied", 587 (AUTH offered) says 530 5.7.1.
                int expected = form.get(2).equals("5.7.1") ? 530 : Integer.parseInt(form.get(1));
                assertThat(rcpt.code()).as("RCPT TO:%s after a failed AUTH: %s", form.get(0), rcpt).isEqualTo(expected);
                assertThat(rcpt.text()).startsWith(form.get(2) + " ");
            }
        }
    }

    @Order(4)
    @Test
    void remoteTestsMxNeverHeardFromUs() {
        // A relayed mail would be retried every second: give it time to show up.
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
            .until(() -> remoteMx.connectionCount() == 0);
        assertThat(a.webadmin().get("/mailRepositories/var%2Fmail%2Ferror/mails")).isEqualTo("[]");
    }
}
