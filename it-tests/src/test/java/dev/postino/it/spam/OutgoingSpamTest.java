package dev.postino.it.spam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.postino.it.harness.MailReader;
import dev.postino.it.harness.Messages;
import dev.postino.it.harness.MxLab;
import dev.postino.it.harness.PostinoJames;
import dev.postino.it.harness.SieveScripts;
import dev.postino.it.harness.SmtpSession;
import dev.postino.testing.peer.RecordedMessage;
import dev.postino.testing.peer.ScriptedSmtpPeer;

// alice (AUTH) → a.test(587) → SpamCheck: spam → spam-quarantine (held, notice in alice's INBOX), MX c.test gets nothing; ham → MX c.test
class OutgoingSpamTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String GTUBE = "XJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X";
    // Webadmin names a repository by its path: memory://var/mail/postino-spam-quarantine/ in conf.
    private static final String QUARANTINE = "var/mail/postino-spam-quarantine";
    private static MxLab lab;
    private static PostinoJames a;
    private static ScriptedSmtpPeer mxC;
    private static ScriptedSmtpPeer mxD;

    @BeforeAll
    static void start() {
        lab = MxLab.start();
        lab.zone().mx("c.test", 10, "mx.c.test").a("mx.c.test", "127.0.0.31");
        mxC = lab.peer("127.0.0.31");
        lab.zone().mx("d.test", 10, "mx.d.test").a("mx.d.test", "127.0.0.32");
        mxD = lab.peer("127.0.0.32");
        a = lab.postino("a").build().start();
        a.addUser("alice@a.test", "alice-secret");
        a.addUser("dora@a.test", "dora-secret");
        SieveScripts.activate(a.webadminPort(), "dora@a.test",
            "if address :is \"to\" \"dan@d.test\" { redirect \"dan@d.test\"; }\r\n");
    }

    @AfterAll
    static void stop() {
        if (a != null) {
            a.close();
        }
        lab.close();
    }

    @Test
    void spamFromAnAuthenticatedUserIsHeldAndTheSenderIsTold() {
        SmtpSession.submit(a.submissionPort(), "alice@a.test", "alice-secret", "alice@a.test", List.of("carol@c.test"),
            Messages.simple("alice@a.test", "carol@c.test", "Great offer", "Buy now\n" + GTUBE + "\n"));
        SmtpSession.submit(a.submissionPort(), "alice@a.test", "alice-secret", "alice@a.test", List.of("carol@c.test"),
            Messages.simple("alice@a.test", "carol@c.test", "Minutes of Monday", "Attached are the minutes."));

        // The ham sent after the spam arrives; the spam never does.
        RecordedMessage delivered = mxC.awaitMessages(1, WAIT).get(0);
        assertThat(delivered.content()).contains("Subject: Minutes of Monday");
        List<String> notices = await().atMost(WAIT).until(
            () -> MailReader.imap(a.imapPort(), "alice@a.test", "alice-secret", "INBOX"), l -> !l.isEmpty());
        assertThat(mxC.messages()).hasSize(1);

        assertThat(notices).hasSize(1);
        String notice = notices.get(0).replaceAll("\r\n[ \t]+", " ");
        assertThat(notice)
            .contains("Subject: Message not sent (held as spam): Great offer")
            .contains("From: postmaster@")
            .contains("To:         carol@c.test")
            .contains("Spam check: Yes, score=1000.0")
            .doesNotContain("report-type=delivery-status")
            .doesNotContain(GTUBE);

        assertThat(held()).as("alice's spam, beside what the other story holds").filteredOn(name -> !name.startsWith("redirect-"))
            .hasSize(1);
    }

    private static List<String> held() {
        String names = a.webadmin().get("/mailRepositories/" + URLEncoder.encode(QUARANTINE, StandardCharsets.UTF_8) + "/mails");
        return Pattern.compile("\"([^\"]+)\"").matcher(names).results().map(m -> m.group(1)).collect(Collectors.toList());
    }

    // dora (AUTH) → a.test(587) → dora's own mailbox, whose Sieve script redirects mail addressed to dan@d.test:
    // the spam's copy (no AUTH, but dora's and judged spam) → spam-quarantine, notice to dora; the ham's → MX d.test
    @Test
    void spamAUsersOwnSieveRedirectWouldSendOutIsHeldLikeSpamSheSubmits() {
        SmtpSession.submit(a.submissionPort(), "dora@a.test", "dora-secret", "dora@a.test", List.of("dora@a.test"),
            Messages.simple("dora@a.test", "dan@d.test", "Offer for Dan", "Buy now\n" + GTUBE + "\n"));
        SmtpSession.submit(a.submissionPort(), "dora@a.test", "dora-secret", "dora@a.test", List.of("dora@a.test"),
            Messages.simple("dora@a.test", "dan@d.test", "Minutes for Dan", "Attached are the minutes."));

        assertThat(mxD.awaitMessages(1, WAIT).get(0).content()).contains("Subject: Minutes for Dan");
        String notice = await().atMost(WAIT).until(
            () -> MailReader.imap(a.imapPort(), "dora@a.test", "dora-secret", "INBOX").stream()
                .filter(m -> m.contains("held as spam")).findFirst().orElse(""), m -> !m.isEmpty());
        assertThat(notice.replaceAll("\r\n[ \t]+", " "))
            .contains("Subject: Message not sent (held as spam): Offer for Dan")
            .contains("To:         dan@d.test")
            .doesNotContain(GTUBE);
        assertThat(mxD.messages()).as("the spam's copy never left").hasSize(1);
        assertThat(held()).anyMatch(name -> name.startsWith("redirect-"));
    }
}
