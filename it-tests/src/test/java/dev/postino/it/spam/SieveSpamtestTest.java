package dev.postino.it.spam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.postino.it.harness.MailReader;
import dev.postino.it.harness.Messages;
import dev.postino.it.harness.PostinoJames;
import dev.postino.it.harness.SmtpSession;
import dev.postino.testing.dns.DnsZone;
import dev.postino.testing.dns.ScriptedDnsService;

/**
 * A Sieve spamtest rule moves mail as written (issue #5): bob's script files spam level 5 and
 * above into "Spammy". The score comes from a scripted DNS blocklist, as in
 * {@link BlocklistedClientTest}: listed → 6.0, between the tag (5) and reject (15) thresholds.
 */
class SieveSpamtestTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String IN_ZEN = "1.0.0.127.zen.example.test";
    private static final String BLOCKLIST = "<dnsblSites>zen.example.test=127.0.0.[2..11]*6</dnsblSites><dnsblTimeout>2s</dnsblTimeout>";
    private static final String ISSUE_RULE = "require [\"spamtest\",\"relational\",\"comparator-i;ascii-numeric\",\"fileinto\"];\r\n"
        + "if spamtest :value \"ge\" :comparator \"i;ascii-numeric\" \"5\" { fileinto \"Spammy\"; }\r\n";
    private static final DnsZone ZONE = new DnsZone();
    private static PostinoJames james;

    @BeforeAll
    static void start() throws Exception {
        james = PostinoJames.builder().name("a").dns(new ScriptedDnsService(ZONE))
            .editConf("mailetcontainer.xml", xml -> xml.replaceFirst(
                "(<mailet match=\"[^\"]*\" class=\"dev.postino.mailets.SpamCheck\">)", "$1" + BLOCKLIST))
            .build().start();
        james.addUser("bob@a.test", "bob-secret");
        putActiveSieveScript("bob@a.test", ISSUE_RULE);
    }

    @AfterAll
    static void stop() {
        if (james != null) {
            james.close();
        }
    }

    // mallory → a.test(25) → bob's script: level 1 (ham) → INBOX; then listed in zen (+6, level 5) → "Spammy", not Junk
    @Test
    void aSieveSpamtestRuleMovesMailAsWritten() {
        sendFromOutside("bob@a.test", "plain lunch", "see you at noon");
        String ham = awaitIn("INBOX", "plain lunch");

        ZONE.a(IN_ZEN, "127.0.0.2");
        sendFromOutside("bob@a.test", "listed lunch", "see you at noon");
        String spam = awaitIn("Spammy", "listed lunch");

        assertThat(ham).contains("X-Spam-Status: No");
        assertThat(spam).contains("X-Spam-Status: Yes, score=6.0");
        assertThat(find("INBOX", "listed lunch")).isEmpty();
        assertThat(MailReader.imap(james.imapPort(), "bob@a.test", "bob-secret", "Junk"))
            .as("the user's spamtest rule has the last word over the Junk directive").isEmpty();
        assertThat(find("INBOX", "[SIEVE ERROR]")).as("the script ran without error").isEmpty();
    }

    private static String awaitIn(String folder, String subject) {
        return await(subject + " in " + folder).atMost(WAIT).until(() -> find(folder, subject), m -> !m.isEmpty());
    }

    private static String find(String folder, String subject) {
        List<String> messages = MailReader.imap(james.imapPort(), "bob@a.test", "bob-secret", folder);
        return messages.stream().filter(m -> m.contains("Subject: " + subject)).findFirst().orElse("");
    }

    private static void sendFromOutside(String rcpt, String subject, String body) {
        try (SmtpSession smtp = SmtpSession.plain(james.smtpPort())) {
            assertThat(smtp.ehlo("mx.evil.test").code()).isEqualTo(250);
            assertThat(smtp.mailFrom("mallory@evil.test").code()).isEqualTo(250);
            assertThat(smtp.rcptTo(rcpt).code()).isEqualTo(250);
            assertThat(smtp.data(Messages.simple("mallory@evil.test", rcpt, subject, body)).code()).isEqualTo(250);
        }
    }

    private static void putActiveSieveScript(String user, String script) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + james.webadminPort()
                + "/sieve/" + user + "/scripts/s?activate=true"))
            .timeout(Duration.ofSeconds(10))
            .PUT(HttpRequest.BodyPublishers.ofString(script))
            .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("PUT sieve script: " + response.body()).isEqualTo(204);
    }
}
