package dev.postino.it.durable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import javax.mail.search.AndTerm;
import javax.mail.search.BodyTerm;
import javax.mail.search.SubjectTerm;

import dev.postino.it.harness.Messages;
import dev.postino.it.harness.SmtpReplyLines;
import dev.postino.it.harness.SieveScripts;
import dev.postino.it.harness.SmtpSession;

/**
 * The restart story, on whatever database the home's conf names: a domain, two users, a Sieve
 * script, a message in Bob's INBOX and one filed into Junk; SIGTERM; start again → all there,
 * same UIDs, SEARCH finds them, the Sieve script still files.
 */
final class RestartScenario {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String BOB = "bob@b.test";
    private static final String SECRET = "bob-secret";
    private static final String SIEVE = "require \"fileinto\";\r\n"
        + "if header :contains \"Subject\" \"[SPAM]\" { fileinto \"Junk\"; }\r\n";

    private RestartScenario() {
    }

    static void run(DurableHome home) {
        Snapshot before;
        try (ServerProcess first = home.start()) {
            ServerProcess.Finished second = ServerProcess.startExpectingRefusal(home);
            assertThat(second.exitCode()).as("a second server on the same data").isEqualTo(1);
            assertThat(second.output()).contains("another Postino server is running on " + home.home());

            before = populate(home);
            first.stop();
        }

        try (ServerProcess second = home.start()) {
            verify(home, before);
        }
    }

    /** What Bob's IMAP client saw before the stop, to compare with what it sees afterwards. */
    record Snapshot(ImapView inbox, ImapView junk) {
    }

    /** On a running server: the domain, users, Sieve script, Junk folder and two messages. */
    static Snapshot populate(DurableHome home) {
        home.webadmin().addDomain("b.test");
        home.webadmin().addUser(BOB, SECRET);
        home.webadmin().addUser("carol@b.test", "carol-secret");
        SieveScripts.activate(home.webadminPort(), BOB, SIEVE);
        ImapView.create(home.imapPort(), BOB, SECRET, "Junk");

        deliver(home, "durable hello", "a body worth keeping");
        deliver(home, "[SPAM] cheap watches", "junk body");
        return new Snapshot(awaitMessages(home, "INBOX", 1, "durable hello", "worth"),
            awaitMessages(home, "Junk", 1, "cheap watches", "junk"));
    }

    /** On the server started again (or on the other database): everything as {@code before}. */
    static void verify(DurableHome home, Snapshot before) {
        assertThat(home.webadmin().get("/domains")).contains("b.test");
        assertThat(home.webadmin().get("/users")).contains(BOB).contains("carol@b.test");

        ImapView inboxAfter = ImapView.of(home.imapPort(), BOB, SECRET, "INBOX", search("durable hello", "worth"));
        assertThat(inboxAfter.uidValidity()).isEqualTo(before.inbox().uidValidity());
        assertThat(inboxAfter.uids()).isEqualTo(before.inbox().uids());
        assertThat(inboxAfter.searchHits()).as("IMAP SEARCH after restart").isEqualTo(before.inbox().uids());

        ImapView junkAfter = ImapView.of(home.imapPort(), BOB, SECRET, "Junk", search("cheap watches", "junk"));
        assertThat(junkAfter.uidValidity()).isEqualTo(before.junk().uidValidity());
        assertThat(junkAfter.uids()).isEqualTo(before.junk().uids());
        assertThat(junkAfter.searchHits()).isEqualTo(before.junk().uids());

        // The Sieve script survived too: new spam still goes to Junk, after the old UIDs.
        deliver(home, "[SPAM] more watches", "junk again");
        ImapView junkLater = awaitMessages(home, "Junk", 2, "more watches", "again");
        assertThat(junkLater.uids().get(1)).isGreaterThan(before.junk().uids().get(0));
    }

    private static SubjectTerm subject(String text) {
        return new SubjectTerm(text);
    }

    private static AndTerm search(String subject, String body) {
        return new AndTerm(subject(subject), new BodyTerm(body));
    }

    private static ImapView awaitMessages(DurableHome home, String folder, int count, String subject, String body) {
        // A poll can catch a message half-appended (IMAP FETCH of the new sequence number
        // answered BAD): that poll is retried, the assertions after the restart are not.
        return await(folder + " holds " + count).atMost(WAIT).pollInterval(Duration.ofMillis(300))
            .ignoreExceptionsInstanceOf(IllegalStateException.class)
            .until(() -> ImapView.of(home.imapPort(), BOB, SECRET, folder, search(subject, body)),
                view -> view.uids().size() == count && view.searchHits().size() == 1);
    }

    /** Inbound mail from a remote sender on port 25, as the Internet delivers it. */
    private static void deliver(DurableHome home, String subject, String body) {
        try (SmtpSession smtp = SmtpSession.plain(home.smtpPort())) {
            expect(smtp.ehlo("remote.test"), 250);
            expect(smtp.mailFrom("dave@remote.test"), 250);
            expect(smtp.rcptTo(BOB), 250);
            expect(smtp.data(Messages.simple("dave@remote.test", BOB, subject, body)), 250);
        }
    }

    static void expect(SmtpReplyLines reply, int code) {
        if (reply.code() != code) {
            throw new AssertionError("expected " + code + " but server said " + reply);
        }
    }
}
