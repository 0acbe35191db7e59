package dev.postino.it.durable;

import static dev.postino.it.harness.Webadmin.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import javax.mail.search.SubjectTerm;

import org.junit.jupiter.api.Test;

import dev.postino.it.harness.Messages;
import dev.postino.it.harness.SmtpReplyLines;
import dev.postino.it.harness.SmtpSession;

// admin → webadmin (PUT/DELETE domain, alias) → durable Postino(25): the very next RCPT sees each change (domain list and
// alias table are cached in memory), before and after a SIGTERM restart
class AdminChangesApplyAtOnceTest {
    private static final String BOB = "bob@c.test";
    private static final String SECRET = "bob-secret";
    private static final String SALES = "sales@c.test";
    /** James's answer at RCPT for a domain that is not ours, to a client that may not relay. */
    private static final String RELAYING_DENIED = "550 5.7.1";
    private static final String ALIAS = "/address/aliases/" + BOB + "/sources/" + SALES;

    @Test
    void domainsAndAliasesChangedThroughWebadminApplyToTheNextMail() {
        DurableHome home = DurableHome.create("admin-changes");
        try (ServerProcess first = home.start()) {
            // Asked before the domain exists: that "no" must not be remembered.
            assertThat(rcpt(home, BOB).toString()).as("before the domain exists").contains(RELAYING_DENIED);
            home.webadmin().addDomain("c.test");
            home.webadmin().addUser(BOB, SECRET);
            assertThat(rcpt(home, BOB).code()).as("right after PUT /domains/c.test").isEqualTo(250);

            assertThat(rcpt(home, SALES).toString()).as("before the alias exists").contains("550 5.1.1");
            given(home.webadminPort()).put(ALIAS).then().statusCode(204);
            deliver(home, SALES, "first order");
            awaitInbox(home, 1);
            first.stop();
        }

        try (ServerProcess second = home.start()) {
            deliver(home, SALES, "second order");
            awaitInbox(home, 2);

            given(home.webadminPort()).delete(ALIAS).then().statusCode(204);
            assertThat(rcpt(home, SALES).toString()).as("right after the alias was deleted").contains("550 5.1.1");

            given(home.webadminPort()).delete("/domains/c.test").then().statusCode(204);
            assertThat(rcpt(home, BOB).toString()).as("right after DELETE /domains/c.test").contains(RELAYING_DENIED);
        }
    }

    /** The answer to RCPT TO from a remote sender on port 25 (then QUIT, nothing sent). */
    private static SmtpReplyLines rcpt(DurableHome home, String recipient) {
        try (SmtpSession smtp = SmtpSession.plain(home.smtpPort())) {
            RestartScenario.expect(smtp.ehlo("remote.test"), 250);
            RestartScenario.expect(smtp.mailFrom("dave@remote.test"), 250);
            return smtp.rcptTo(recipient);
        }
    }

    private static void deliver(DurableHome home, String recipient, String subject) {
        try (SmtpSession smtp = SmtpSession.plain(home.smtpPort())) {
            RestartScenario.expect(smtp.ehlo("remote.test"), 250);
            RestartScenario.expect(smtp.mailFrom("dave@remote.test"), 250);
            RestartScenario.expect(smtp.rcptTo(recipient), 250);
            RestartScenario.expect(smtp.data(Messages.simple("dave@remote.test", recipient, subject, "an order")), 250);
        }
    }

    private static void awaitInbox(DurableHome home, int count) {
        await("bob's INBOX holds " + count + " orders").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
            .ignoreExceptionsInstanceOf(IllegalStateException.class)
            .until(() -> ImapView.of(home.imapPort(), BOB, SECRET, "INBOX", new SubjectTerm("order")),
                view -> view.uids().size() == count && view.searchHits().size() == count);
    }
}
