package dev.postino.it.sending;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.postino.it.harness.MailReader;
import dev.postino.it.harness.Messages;
import dev.postino.it.harness.MxLab;
import dev.postino.it.harness.PostinoJames;
import dev.postino.it.harness.SmtpReplyLines;
import dev.postino.it.harness.SmtpSession;
import dev.postino.testing.peer.RecordedMessage;
import dev.postino.testing.peer.ScriptedSmtpPeer;

// alice (3 messages/hour) → a.test(587): 3 × 250, 4th MAIL 451 4.7.1, an hour later (James's Clock) 250 again
// carol (5 recipients/message) → a.test(587) → 6th RCPT 452 4.5.3 → MX b.test gets one mail for the first 5
// erin (0 messages/day) → 587 refused; outsider → a.test(25) as erin and to erin: accepted, delivered
class SendingLimitsAtSmtpTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final OffsetClock CLOCK = new OffsetClock();
    private static MxLab lab;
    private static ScriptedSmtpPeer mxB;
    private static PostinoJames james;
    private static WebadminHttp webadmin;

    @BeforeAll
    static void start() {
        lab = MxLab.start();
        lab.zone().mx("b.test", 10, "mx.b.test").a("mx.b.test", "127.0.0.2");
        mxB = lab.peer("127.0.0.2");
        james = lab.postino("limits", "sending.limit.messages-per-hour.user.alice@a.test=3\n"
                + "sending.limit.recipients-per-message.user.carol@a.test=5\n"
                + "sending.limit.messages-per-day.user.erin@a.test=0\n")
            .override(binder -> binder.bind(Clock.class).toInstance(CLOCK))
            .build().start();
        james.addUser("alice@a.test", "alice-secret").addUser("carol@a.test", "carol-secret")
            .addUser("erin@a.test", "erin-secret").addUser("bob@a.test", "bob-secret");
        webadmin = new WebadminHttp(james.webadminPort());
    }

    @AfterAll
    static void stop() {
        if (james != null) {
            james.close();
        }
        lab.close();
    }

    @Test
    void threeMessagesAnHourThenTheFourthIsRefusedAtMailUntilTheWindowMoves() throws Exception {
        double refusedBefore = webadmin.metric("postino_sending_limit_mail_refused_total");
        try (SmtpSession smtp = SmtpSession.authenticated(james.submissionPort(), "alice@a.test", "alice-secret")) {
            for (int i = 1; i <= 3; i++) {
                assertThat(sendOne(smtp, "alice@a.test", "bob@a.test", "hourly " + i).code()).as("message %d", i).isEqualTo(250);
            }
            SmtpReplyLines fourth = smtp.mailFrom("alice@a.test");
            assertThat(fourth.code()).isEqualTo(451);
            assertThat(fourth.text()).startsWith("4.7.1");
        }

        JsonNode usage = JSON.readTree(webadmin.get("/postino/sending-limits/alice@a.test/usage").body());
        assertThat(usage.path("limits").path("messagesPerHour").asLong()).isEqualTo(3);
        assertThat(usage.path("sources").path("messagesPerHour").asText()).isEqualTo("user-config");
        assertThat(usage.path("hour").path("messages").asLong()).isEqualTo(3);
        assertThat(usage.path("hour").path("recipients").asLong()).isEqualTo(3);
        assertThat(usage.path("nextMessageAt").asText()).isEqualTo(usage.path("hour").path("nextSlotAt").asText());
        assertThat(webadmin.metric("postino_sending_limit_mail_refused_total")).isEqualTo(refusedBefore + 1);

        CLOCK.advance(Duration.ofMinutes(61));
        try (SmtpSession smtp = SmtpSession.authenticated(james.submissionPort(), "alice@a.test", "alice-secret")) {
            assertThat(sendOne(smtp, "alice@a.test", "bob@a.test", "an hour later").code()).isEqualTo(250);
        }
        List<String> inbox = await().atMost(Duration.ofSeconds(30))
            .until(() -> MailReader.imap(james.imapPort(), "bob@a.test", "bob-secret", "INBOX"),
                mails -> mails.stream().anyMatch(m -> m.contains("Subject: an hour later")));
        assertThat(inbox.stream().filter(m -> m.contains("Subject: hourly "))).hasSize(3);
    }

    @Test
    void theSixthRecipientIsRefusedWith452AndTheFirstFiveGetTheMail() {
        double refusedBefore = webadmin.metric("postino_sending_limit_rcpt_refused_total");
        try (SmtpSession smtp = SmtpSession.authenticated(james.submissionPort(), "carol@a.test", "carol-secret")) {
            assertThat(smtp.mailFrom("carol@a.test").code()).isEqualTo(250);
            for (int i = 1; i <= 5; i++) {
                assertThat(smtp.rcptTo("r" + i + "@b.test").code()).as("recipient %d", i).isEqualTo(250);
            }
            SmtpReplyLines sixth = smtp.rcptTo("r6@b.test");
            assertThat(sixth.code()).isEqualTo(452);
            assertThat(sixth.text()).startsWith("4.5.3");
            assertThat(smtp.data(Messages.simple("carol@a.test", "r1@b.test", "five of six", "hello")).code()).isEqualTo(250);
        }
        RecordedMessage delivered = await().atMost(Duration.ofSeconds(30))
            .until(() -> mxB.messages().stream().filter(m -> m.content().contains("Subject: five of six")).findFirst(),
                java.util.Optional::isPresent).get();
        assertThat(delivered.recipientAddresses())
            .containsExactlyInAnyOrder("r1@b.test", "r2@b.test", "r3@b.test", "r4@b.test", "r5@b.test");
        assertThat(webadmin.metric("postino_sending_limit_rcpt_refused_total")).isEqualTo(refusedBefore + 1);
    }

    @Test
    void inboundMailOnPort25IsNotLimitedEvenForALimitedUser() {
        try (SmtpSession smtp = SmtpSession.authenticated(james.submissionPort(), "erin@a.test", "erin-secret")) {
            assertThat(smtp.mailFrom("erin@a.test").code()).as("erin may send nothing").isEqualTo(451);
        }
        try (SmtpSession smtp = SmtpSession.plain(james.smtpPort())) {
            smtp.ehlo("mx.outside.test");
            for (int i = 1; i <= 3; i++) {
                assertThat(sendOne(smtp, "friend@outside.test", "erin@a.test", "to erin " + i).code()).isEqualTo(250);
                assertThat(sendOne(smtp, "erin@a.test", "bob@a.test", "as erin " + i).code())
                    .as("port 25 has no AUTH: nobody's quota").isEqualTo(250);
            }
        }
        await().atMost(Duration.ofSeconds(30)).until(
            () -> MailReader.imap(james.imapPort(), "erin@a.test", "erin-secret", "INBOX"),
            mails -> mails.stream().filter(m -> m.contains("Subject: to erin ")).count() == 3);
    }

    private static SmtpReplyLines sendOne(SmtpSession smtp, String from, String to, String subject) {
        assertThat(smtp.mailFrom(from).code()).isEqualTo(250);
        assertThat(smtp.rcptTo(to).code()).isEqualTo(250);
        return smtp.data(Messages.simple(from, to, subject, "body of " + subject));
    }
}
