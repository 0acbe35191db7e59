package dev.postino.it.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.postino.it.harness.Alice;
import dev.postino.it.harness.MailReader;
import dev.postino.it.harness.MxLab;
import dev.postino.it.harness.PostinoJames;
import dev.postino.it.harness.Webadmin;

// admin: PUT /quota/users/bob@a.test/size 100 → alice → A(587) → bob (full) + carol:
//   carol's INBOX has it, bob's stays empty, alice gets a failure DSN 5.2.2 "mailbox full" naming bob only,
//   nothing in the error repository; quota lifted → the next mail reaches bob.
class MailboxFullTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String BOB = "bob@a.test";
    private static final String CAROL = "carol@a.test";
    private static final String ERRORS = "/mailRepositories/var%2Fmail%2Ferror%2F/mails";
    private static MxLab lab;
    private static PostinoJames a;
    private static Alice alice;

    @BeforeAll
    static void start() {
        lab = MxLab.start();
        a = lab.postino("a").build().start();
        alice = new Alice(a);
        a.addUser(BOB, "bob-secret");
        a.addUser(CAROL, "carol-secret");
    }

    @AfterAll
    static void stop() {
        if (a != null) {
            a.close();
        }
        lab.close();
    }

    @Test
    void aFullMailboxBouncesAtOnceWithMailboxFullAndTheOtherRecipientsGetTheMail() {
        Webadmin.given(a).body("100").put("/quota/users/" + BOB + "/size").then().statusCode(204);

        alice.send("for a full mailbox", BOB, CAROL);

        String dsn = await().atMost(WAIT).until(() -> alice.dsnsAbout("for a full mailbox", "failed"), l -> !l.isEmpty())
            .get(0);
        assertThat(dsn).contains("Final-Recipient: rfc822; " + BOB)
            .contains("Status: 5.2.2")
            .contains("mailbox full")
            .doesNotContain("Final-Recipient: rfc822; " + CAROL);
        await().atMost(WAIT).until(() -> MailReader.imap(a.imapPort(), CAROL, "carol-secret", "INBOX").stream()
            .anyMatch(m -> m.contains("Subject: for a full mailbox")));
        assertThat(MailReader.imap(a.imapPort(), BOB, "bob-secret", "INBOX"))
            .noneMatch(m -> m.contains("Subject: for a full mailbox"));
        assertThat(a.webadmin().get(ERRORS)).isEqualTo("[]");

        Webadmin.given(a).delete("/quota/users/" + BOB + "/size").then().statusCode(204);
        alice.send("after the quota was lifted", BOB);

        await().atMost(WAIT).until(() -> MailReader.imap(a.imapPort(), BOB, "bob-secret", "INBOX").stream()
            .anyMatch(m -> m.contains("Subject: after the quota was lifted")));
        assertThat(alice.dsnsAbout("for a full mailbox")).hasSize(1);
    }
}
