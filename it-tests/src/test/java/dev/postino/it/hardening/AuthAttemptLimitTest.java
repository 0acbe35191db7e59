package dev.postino.it.hardening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.net.pop3.POP3SClient;
import org.apache.commons.net.util.TrustManagerUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.postino.it.harness.PostinoJames;
import dev.postino.it.harness.SmtpSession;
import dev.postino.testing.dns.DnsZone;
import dev.postino.testing.dns.ScriptedDnsService;

// guesser → 465 AUTH PLAIN wrong ×3 → 535 ×3, 4th → 421 and closed; → 995 PASS wrong ×3, 4th → -ERR and closed
class AuthAttemptLimitTest {
    private static PostinoJames james;

    @BeforeAll
    static void start() {
        james = PostinoJames.builder().name("authlimit").dns(new ScriptedDnsService(new DnsZone())).build().start();
        james.addUser("bob@a.test", "bob-secret");
    }

    @AfterAll
    static void stop() {
        james.close();
    }

    @Test
    void aFourthSmtpAuthOnOneConnectionIsRefusedAndTheConnectionClosed() {
        List<Integer> codes = new ArrayList<>();
        try (SmtpSession smtp = SmtpSession.implicitTls(james.submissionsPort())) {
            smtp.ehlo("guesser.test");
            for (int i = 0; i < 3; i++) {
                codes.add(smtp.authPlain("bob@a.test", "guess-" + i).code());
            }
            // Commons Net reads a 421 reply as the server closing the connection (RFC 5321 §3.8).
            assertThatThrownBy(() -> smtp.authPlain("bob@a.test", "bob-secret"))
                .hasRootCauseInstanceOf(org.apache.commons.net.smtp.SMTPConnectionClosedException.class);
        }
        assertThat(codes).containsExactly(535, 535, 535);

        try (SmtpSession smtp = SmtpSession.implicitTls(james.submissionsPort())) {
            smtp.ehlo("client.test");
            assertThat(smtp.authPlain("bob@a.test", "bob-secret").code()).as("a new connection may log in").isEqualTo(235);
        }
    }

    @Test
    void aFourthPop3LoginOnOneConnectionIsRefusedAndTheConnectionClosed() throws IOException {
        POP3SClient pop3 = new POP3SClient(true);
        pop3.setTrustManager(TrustManagerUtils.getAcceptAllTrustManager());
        pop3.connect("127.0.0.1", james.pop3sPort());
        List<String> replies = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                assertThat(pop3.login("bob@a.test", "guess-" + i)).isFalse();
                replies.add(pop3.getReplyString());
            }
            assertThat(pop3.login("bob@a.test", "bob-secret")).as("4th login on the connection").isFalse();
            replies.add(pop3.getReplyString());
            assertThat(pop3.noop()).as("the server closed the connection").isFalse();
        } catch (IOException closed) {
            // the client noticed the closed connection
        } finally {
            pop3.disconnect();
        }
        assertThat(replies).hasSize(4);
        assertThat(replies.get(3)).startsWith("-ERR").contains("Too many failed logins");

        POP3SClient again = new POP3SClient(true);
        again.setTrustManager(TrustManagerUtils.getAcceptAllTrustManager());
        again.connect("127.0.0.1", james.pop3sPort());
        try {
            assertThat(again.login("bob@a.test", "bob-secret")).as("a new connection may log in").isTrue();
        } finally {
            again.disconnect();
        }
    }
}
