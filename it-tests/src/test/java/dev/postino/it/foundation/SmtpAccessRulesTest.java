package dev.postino.it.foundation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.postino.testing.dns.DnsZone;
import dev.postino.testing.dns.ScriptedDnsService;
import dev.postino.it.harness.Messages;
import dev.postino.it.harness.PostinoJames;
import dev.postino.it.harness.SmtpReplyLines;
import dev.postino.it.harness.SmtpSession;

// outsider → a.test(25) : local users only, no relay, no AUTH;  alice → a.test(587): AUTH only after STARTTLS
class SmtpAccessRulesTest {
    private static PostinoJames james;

    @BeforeAll
    static void start() {
        james = PostinoJames.builder().name("access").dns(new ScriptedDnsService(new DnsZone())).build().start();
        james.addUser("alice@a.test", "alice-secret").addUser("bob@a.test", "bob-secret");
    }

    @AfterAll
    static void stop() {
        james.close();
    }

    @Test
    void unknownLocalUserIsRefusedAtRcptWith550_5_1_1() {
        try (SmtpSession smtp = SmtpSession.plain(james.smtpPort())) {
            smtp.ehlo("mx.outside.test");
            assertThat(smtp.mailFrom("someone@outside.test").code()).isEqualTo(250);
            SmtpReplyLines reply = smtp.rcptTo("nobody@a.test");
            assertThat(reply.code()).isEqualTo(550);
            assertThat(reply.text()).startsWith("5.1.1");
            assertThat(smtp.rcptTo("bob@a.test").code()).isEqualTo(250);
        }
    }

    @Test
    void port25RefusesRelayingToARemoteDomainWith5_7_1AndTakesNoData() {
        try (SmtpSession smtp = SmtpSession.plain(james.smtpPort())) {
            SmtpReplyLines ehlo = smtp.ehlo("mx.outside.test");
            assertThat(ehlo.advertises("AUTH")).as("port 25 offers no AUTH: %s", ehlo).isFalse();
            assertThat(smtp.mailFrom("alice@a.test").code()).isEqualTo(250);
            SmtpReplyLines reply = smtp.rcptTo("victim@remote.test");
            assertThat(reply.code()).isEqualTo(550);
            assertThat(reply.text()).startsWith("5.7.1");
            SmtpReplyLines data = smtp.data(Messages.simple("alice@a.test", "victim@remote.test", "spam", "x"));
            assertThat(data.code()).as("no valid recipient, so DATA must not be accepted").isGreaterThanOrEqualTo(500);
        }
    }

    @Test
    void submissionOffersAuthOnlyAfterStarttls() {
        try (SmtpSession smtp = SmtpSession.plain(james.submissionPort())) {
            SmtpReplyLines before = smtp.ehlo("client.test");
            assertThat(before.advertises("STARTTLS")).isTrue();
            assertThat(before.advertises("AUTH")).as("AUTH in clear: %s", before).isFalse();
            SmtpReplyLines clearAuth = smtp.command("AUTH PLAIN AGFsaWNlQGEudGVzdABhbGljZS1zZWNyZXQ=");
            assertThat(clearAuth.code()).as("AUTH before STARTTLS: %s", clearAuth).isEqualTo(538);
            assertThat(clearAuth.text()).startsWith("5.7.11");
            assertThat(smtp.mailFrom("alice@a.test").code()).as("the clear AUTH granted nothing").isEqualTo(530);
            assertThat(smtp.mailFrom("someone@outside.test").code()).isEqualTo(250);
            SmtpReplyLines relay = smtp.rcptTo("friend@remote.test");
            assertThat(relay.code()).as("the clear AUTH granted nothing: %s", relay).isIn(530, 550);
            assertThat(relay.text()).startsWith("5.7.");
            smtp.command("RSET");

            assertThat(smtp.starttls().code()).isEqualTo(220);
            SmtpReplyLines after = smtp.ehlo("client.test");
            assertThat(after.advertises("AUTH")).as("AUTH after TLS: %s", after).isTrue();
        }
    }

    @Test
    void wrongPasswordIsRefusedWith535AndCannotRelay() {
        try (SmtpSession smtp = SmtpSession.plain(james.submissionPort())) {
            smtp.ehlo("client.test");
            smtp.starttls();
            smtp.ehlo("client.test");
            assertThat(smtp.authPlain("alice@a.test", "wrong").code()).isEqualTo(535);
            SmtpReplyLines mail = smtp.mailFrom("alice@a.test");
            // verifyIdentity: an unauthenticated session may not use our own domain as sender...
            assertThat(mail.code()).as("MAIL after failed AUTH: %s", mail).isEqualTo(530);
            // ...and with another sender it still cannot relay.
            assertThat(smtp.mailFrom("someone@outside.test").code()).isEqualTo(250);
            SmtpReplyLines rcpt = smtp.rcptTo("friend@remote.test");
            assertThat(rcpt.code()).as("RCPT after failed AUTH: %s", rcpt).isIn(530, 550);
            assertThat(rcpt.text()).startsWith("5.7.");
        }
    }
}
