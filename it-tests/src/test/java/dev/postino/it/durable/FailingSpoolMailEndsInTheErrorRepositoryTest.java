package dev.postino.it.durable;

import static dev.postino.it.durable.RestartScenario.expect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.postino.it.harness.MxLab;
import dev.postino.it.harness.SmtpSession;

// alice → durable Postino(587) → spool [a mailet throws on every attempt: James's spooler re-enqueues it 5×]
//   → error repository var/mail/error/ on webadmin (no rollback, so nothing for ActiveMQ.DLQ) → stop → start → still there
class FailingSpoolMailEndsInTheErrorRepositoryTest {
    private static final String ERRORS = "/mailRepositories/var%2Fmail%2Ferror%2F/mails";
    private static final Pattern FIRST_KEY = Pattern.compile("\\[\\s*\"([^\"]+)\"");
    /** AddFooter reads the first part of a multipart/mixed; without a boundary it throws (MessagingException). */
    private static final String FAILING_MAILET = "<processor state=\"root\" enableJmx=\"false\">\n"
        + "            <mailet match=\"HasHeader=X-Test-Poison\" class=\"AddFooter\"><text>footer</text>"
        + "<onMailetException>propagate</onMailetException></mailet>";

    @Test
    void aMailWhoseProcessingAlwaysFailsIsKeptInTheSpoolersErrorRepository() {
        try (MxLab lab = MxLab.start()) {
            DurableHome home = DurableLab.home("poison", lab, "<retrySchedule>2s</retrySchedule>")
                .editConf("mailetcontainer.xml",
                    conf -> conf.replace("<processor state=\"root\" enableJmx=\"false\">", FAILING_MAILET));

            String key;
            try (ServerProcess server = home.start()) {
                home.webadmin().addDomain("a.test");
                home.webadmin().addUser("alice@a.test", "alice-secret");
                home.webadmin().addUser("bob@a.test", "bob-secret");
                submitPoison(home);

                await("the mail in the error repository").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> FIRST_KEY.matcher(home.webadmin().get(ERRORS)).find());
                key = firstKey(home.webadmin().get(ERRORS));
                assertThat(home.webadmin().get(ERRORS + "/" + key + "?additionalFields=headers"))
                    .contains("poison mail").contains("bob@a.test");
                await("spool drained").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                    .until(() -> DurableLab.queueSize(home, "spool") == 0);
                // James's spooler, not a rollback: six processings, then stored (its log line names the mail).
                assertThat(server.output())
                    .contains("Failed " + key + " processing 6 consecutive times. Abort. Mail is saved in jpa://var/mail/error")
                    .doesNotContain("was given back");
                server.stop();
                // Released at James's stop, before the broker stops: no loop left waiting on it.
                assertThat(server.output()).contains("mail queues closed: 1 spool receive loop set(s) ended")
                    .doesNotContain("did not end within");
            }

            try (ServerProcess again = home.start()) {
                assertThat(firstKey(home.webadmin().get(ERRORS))).isEqualTo(key);
                assertThat(DurableLab.queueSize(home, "spool")).isZero();
                assertThat(again.output()).doesNotContain("Failed " + key);
            }
        }
    }

    private static void submitPoison(DurableHome home) {
        try (SmtpSession smtp = SmtpSession.plain(home.submissionPort())) {
            expect(smtp.ehlo("client.test"), 250);
            expect(smtp.starttls(), 220);
            expect(smtp.ehlo("client.test"), 250);
            expect(smtp.authPlain("alice@a.test", "alice-secret"), 235);
            expect(smtp.mailFrom("alice@a.test"), 250);
            expect(smtp.rcptTo("bob@a.test"), 250);
            expect(smtp.data("From: alice@a.test\r\n"
                + "To: bob@a.test\r\n"
                + "Subject: poison mail\r\n"
                + "Date: " + ZonedDateTime.now().format(DateTimeFormatter.RFC_1123_DATE_TIME) + "\r\n"
                + "Message-ID: <poison@client.test>\r\n"
                + "X-Test-Poison: yes\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed\r\n"
                + "\r\n"
                + "a multipart body without any boundary line\r\n"), 250);
        }
    }

    private static String firstKey(String json) {
        Matcher m = FIRST_KEY.matcher(json);
        assertThat(m.find()).as("a key in " + json).isTrue();
        return m.group(1);
    }
}
