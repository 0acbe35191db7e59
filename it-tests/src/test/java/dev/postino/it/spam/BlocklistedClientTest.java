package dev.postino.it.spam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.postino.it.harness.MailReader;
import dev.postino.it.harness.Messages;
import dev.postino.it.harness.PostinoJames;
import dev.postino.it.harness.SieveScripts;
import dev.postino.it.harness.SmtpSession;
import dev.postino.testing.dns.DnsZone;
import dev.postino.testing.dns.ScriptedDnsService;

/**
 * The client address against DNS blocklists (scripted DNS), and users' Sieve scripts acting on
 * the verdict: through the X-Spam-* headers, and with RFC 3685 {@code spamtest} as issue #5 writes it.
 */
class BlocklistedClientTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** 127.0.0.1, every test client's address, reversed under each zone (RFC 5782 §2.1). */
    private static final String IN_ZEN = "1.0.0.127.zen.example.test";
    private static final String IN_BL = "1.0.0.127.bl.example.test";
    private static final String SIEVE = "require \"fileinto\";\r\n"
        + "if header :contains \"X-Spam-Level\" \"**********\" { fileinto \"Certain-spam\"; stop; }\r\n"
        + "if header :contains \"X-Spam-Status\" \"Yes\" { fileinto \"Suspicious\"; }\r\n";
    /** Issue #5's rule: spam level 5 and above (a listed client scores 6.0, between tag 5 and reject 15). */
    private static final String SPAMTEST = "require [\"spamtest\",\"relational\",\"comparator-i;ascii-numeric\",\"fileinto\"];\r\n"
        + "if spamtest :value \"ge\" :comparator \"i;ascii-numeric\" \"5\" { fileinto \"Spammy\"; }\r\n";
    /** The administrator's global script (globalScript): spam about a lottery is held for everyone, before their own rules. */
    private static final String GLOBAL = "require [\"spamtest\",\"relational\",\"comparator-i;ascii-numeric\",\"fileinto\"];\r\n"
        + "if allof (spamtest :value \"ge\" :comparator \"i;ascii-numeric\" \"5\", header :contains \"Subject\" \"lottery\")"
        + " { fileinto \"Admin-Hold\"; }\r\n";
    private static final String BLOCKLISTS =
        "<dnsblSites>zen.example.test=127.0.0.[2..11]*6 bl.example.test*5</dnsblSites><dnsblTimeout>2s</dnsblTimeout>";
    private static final DnsZone ZONE = new DnsZone();
    private static PostinoJames james;

    @BeforeAll
    static void start() throws Exception {
        james = PostinoJames.builder().name("a").dns(new ScriptedDnsService(ZONE))
            .editConf("mailetcontainer.xml", xml -> xml.replaceFirst(
                "(<mailet match=\"[^\"]*\" class=\"dev.postino.mailets.SpamCheck\">)",
                "$1" + BLOCKLISTS)
                .replaceFirst("(<mailet match=\"All\" class=\"dev.postino.mailets.SieveWithSpamtest\">)",
                    "$1<globalScript>conf/global.sieve</globalScript>"))
            .confFile("global.sieve", GLOBAL)
            // The same blocklists at DATA: SpamCheck then reuses that score instead of asking again.
            .editConf("smtpserver.xml", xml -> xml.replaceFirst("<handler class=\"dev.postino.spam.RejectSpamAtData\"/>",
                "<handler class=\"dev.postino.spam.RejectSpamAtData\">" + BLOCKLISTS + "</handler>"))
            .build().start();
        james.addUser("bob@a.test", "bob-secret");
        james.addUser("carol@a.test", "carol-secret");
        SieveScripts.activate(james.webadminPort(), "carol@a.test", SIEVE);
        james.addUser("erin@a.test", "erin-secret");
        SieveScripts.activate(james.webadminPort(), "erin@a.test", SPAMTEST);
    }

    @AfterAll
    static void stop() {
        if (james != null) {
            james.close();
        }
    }

    @AfterEach
    void delist() {
        ZONE.remove(IN_ZEN).remove(IN_BL);
    }

    // mallory (127.0.0.1) → a.test(25) → bob's INBOX; listed in zen.example.test → DNSBL_ZEN_EXAMPLE_TEST +6 → bob's Junk
    @Test
    void aListedClientScoresTheListedWeightAndTheReportSaysWhy() {
        sendFromOutside("bob@a.test", "unlisted lunch", "see you at noon");
        assertThat(awaitIn("bob@a.test", "bob-secret", "INBOX", "unlisted lunch"))
            .contains("X-Spam-Status: No, score=0.0").doesNotContain("DNSBL");

        ZONE.a(IN_ZEN, "127.0.0.4");
        sendFromOutside("bob@a.test", "listed lunch", "see you at noon");

        String filed = awaitIn("bob@a.test", "bob-secret", "Junk", "listed lunch").replaceAll("\r\n[ \t]+", " ");
        assertThat(filed)
            .containsPattern("X-Spam-Status: Yes, score=6\\.0 required=5\\.0 tests=DNSBL_ZEN_EXAMPLE_TEST")
            .contains("6.0 DNSBL_ZEN_EXAMPLE_TEST client 127.0.0.1 listed in zen.example.test (127.0.0.4)")
            .contains("X-Spam-Level: ******\r\n");
    }

    // mallory (listed) → a.test(25): RejectSpamAtData asks zen at DATA; SpamCheck reuses that score → one query per mail
    @Test
    void theBlocklistIsAskedOncePerMail() {
        ZONE.a(IN_ZEN, "127.0.0.3");
        ZONE.clearQueries();

        sendFromOutside("bob@a.test", "asked once", "see you at noon");

        assertThat(awaitIn("bob@a.test", "bob-secret", "Junk", "asked once")).contains("tests=DNSBL_ZEN_EXAMPLE_TEST");
        // One lookup asks A and AAAA; a second lookup (SpamCheck scoring again) would repeat both.
        assertThat(ZONE.queries()).filteredOn(query -> query.name().equalsIgnoreCase(IN_ZEN))
            .extracting(query -> query.type()).contains("A").doesNotHaveDuplicates();
    }

    // mallory (listed: +6, then +6+5) → a.test(25) → carol's Sieve: X-Spam-Status Yes → Suspicious; X-Spam-Level ≥ 10 → Certain-spam
    @Test
    void aUsersSieveScriptFilesOnTheSpamHeaders() {
        sendFromOutside("carol@a.test", "clean note", "see you at noon");
        awaitIn("carol@a.test", "carol-secret", "INBOX", "clean note");
        ZONE.a(IN_ZEN, "127.0.0.2");
        sendFromOutside("carol@a.test", "listed once", "see you at noon");
        // Scored after it was queued: the zone must not change before it reached the mailbox.
        String once = awaitIn("carol@a.test", "carol-secret", "Suspicious", "listed once");
        ZONE.a(IN_BL, "127.0.0.2");
        sendFromOutside("carol@a.test", "listed twice", "see you at noon");
        String twice = awaitIn("carol@a.test", "carol-secret", "Certain-spam", "listed twice");

        assertThat(once).contains("X-Spam-Status: Yes, score=6.0");
        assertThat(twice).contains("X-Spam-Status: Yes, score=11.0").contains("X-Spam-Level: ***********\r\n");
        assertThat(find("carol@a.test", "carol-secret", "INBOX", "clean note")).contains("X-Spam-Status: No");
        assertThat(MailReader.imap(james.imapPort(), "carol@a.test", "carol-secret", "Junk"))
            .as("the user's script has the last word over the Junk directive").isEmpty();
    }

    // mallory (listed: +6) → a.test(25) → dave, whose Sieve script only sorts his club's mail (implicit keep) → dave's Junk
    @Test
    void spamStaysInJunkForAUserWhoseScriptDoesNotFileIt() throws Exception {
        james.addUser("dave@a.test", "dave-secret");
        SieveScripts.activate(james.webadminPort(), "dave@a.test", "require \"fileinto\";\r\n"
            + "if header :contains \"List-Id\" \"club.example\" { fileinto \"Club\"; }\r\n");
        ZONE.a(IN_ZEN, "127.0.0.2");

        sendFromOutside("dave@a.test", "listed for dave", "see you at noon");

        assertThat(awaitIn("dave@a.test", "dave-secret", "Junk", "listed for dave"))
            .contains("X-Spam-Status: Yes, score=6.0");
        assertThat(find("dave@a.test", "dave-secret", "INBOX", "listed for dave")).isEmpty();
    }

    // mallory → a.test(25) → frank's Sieve: redirect "grace@a.test" → unlisted (forged X-Spam-Status: Yes): grace's INBOX, No;
    //   listed (+6) → grace's Junk with our X-Spam-* headers (the copy keeps the verdict of the mail it copies)
    @Test
    void spamAUserRedirectsToAnotherLocalUserEndsInTheirJunk() throws Exception {
        james.addUser("frank@a.test", "frank-secret");
        james.addUser("grace@a.test", "grace-secret");
        SieveScripts.activate(james.webadminPort(), "frank@a.test", "redirect \"grace@a.test\";\r\n");
        try (SmtpSession smtp = SmtpSession.plain(james.smtpPort())) {
            assertThat(smtp.ehlo("mx.evil.test").code()).isEqualTo(250);
            assertThat(smtp.mailFrom("mallory@evil.test").code()).isEqualTo(250);
            assertThat(smtp.rcptTo("frank@a.test").code()).isEqualTo(250);
            assertThat(smtp.data("X-Spam-Status: Yes, score=99.0 required=5.0 tests=FORGED\r\nX-Spam-Level: ***\r\n"
                + Messages.simple("mallory@evil.test", "frank@a.test", "redirected lunch", "see you at noon")).code())
                .isEqualTo(250);
        }
        String ham = awaitIn("grace@a.test", "grace-secret", "INBOX", "redirected lunch");
        ZONE.a(IN_ZEN, "127.0.0.4");

        sendFromOutside("frank@a.test", "redirected pills", "see you at noon");

        String spam = awaitIn("grace@a.test", "grace-secret", "Junk", "redirected pills").replaceAll("\r\n[ \t]+", " ");
        assertThat(spam).contains("X-Spam-Status: Yes, score=6.0 required=5.0 tests=DNSBL_ZEN_EXAMPLE_TEST")
            .contains("X-Spam-Level: ******\r\n").contains("6.0 DNSBL_ZEN_EXAMPLE_TEST client 127.0.0.1");
        assertThat(ham).as("what the sender forged is gone; our verdict travels")
            .contains("X-Spam-Status: No, score=0.0").doesNotContain("FORGED").doesNotContain("X-Spam-Level: ***");
        assertThat(find("grace@a.test", "grace-secret", "INBOX", "redirected pills")).isEmpty();
        assertThat(MailReader.imap(james.imapPort(), "frank@a.test", "frank-secret", "INBOX")).as("redirected, not kept")
            .isEmpty();
        assertThat(MailReader.imap(james.imapPort(), "frank@a.test", "frank-secret", "Junk")).isEmpty();
    }

    // mallory → a.test(25) → erin's spamtest script: level 1 (ham) → INBOX; listed in zen (+6, level 5) → "Spammy", not Junk
    @Test
    void aSieveSpamtestRuleMovesMailAsWritten() {
        sendFromOutside("erin@a.test", "plain dinner", "see you at eight");
        String ham = awaitIn("erin@a.test", "erin-secret", "INBOX", "plain dinner");

        ZONE.a(IN_ZEN, "127.0.0.4");
        sendFromOutside("erin@a.test", "listed dinner", "see you at eight");
        String spam = awaitIn("erin@a.test", "erin-secret", "Spammy", "listed dinner");

        assertThat(ham).contains("X-Spam-Status: No");
        assertThat(spam).contains("X-Spam-Status: Yes, score=6.0");
        assertThat(find("erin@a.test", "erin-secret", "INBOX", "listed dinner")).isEmpty();
        assertThat(MailReader.imap(james.imapPort(), "erin@a.test", "erin-secret", "Junk"))
            .as("the user's spamtest rule has the last word over the Junk directive").isEmpty();
        assertThat(MailReader.imap(james.imapPort(), "erin@a.test", "erin-secret", "INBOX"))
            .as("the script ran without error").noneMatch(m -> m.contains("[SIEVE ERROR]"));
    }

    // mallory → a.test(25) → the admin's global script first: a lottery at spam level 5 (listed, +6) → Admin-Hold for
    // erin (whose own rule would say Spammy) and bob (no script: Junk); the same subject unlisted (level 1) → INBOX
    @Test
    void theAdminsGlobalScriptActsOnTheVerdictBeforeTheUsersOwn() {
        sendFromOutside("bob@a.test", "plain lottery", "the club draw is on friday");
        assertThat(awaitIn("bob@a.test", "bob-secret", "INBOX", "plain lottery")).contains("X-Spam-Status: No");

        ZONE.a(IN_ZEN, "127.0.0.4");
        sendFromOutside("erin@a.test", "listed lottery", "you won");
        sendFromOutside("bob@a.test", "listed lottery", "you won");

        assertThat(awaitIn("erin@a.test", "erin-secret", "Admin-Hold", "listed lottery")).contains("X-Spam-Status: Yes, score=6.0");
        assertThat(awaitIn("bob@a.test", "bob-secret", "Admin-Hold", "listed lottery")).contains("X-Spam-Status: Yes, score=6.0");
        assertThat(find("erin@a.test", "erin-secret", "Spammy", "listed lottery")).as("erin's rule was not run").isEmpty();
        assertThat(find("bob@a.test", "bob-secret", "Junk", "listed lottery")).as("not filed twice").isEmpty();
        assertThat(find("bob@a.test", "bob-secret", "INBOX", "listed lottery")).isEmpty();
    }

    private static String awaitIn(String user, String password, String folder, String subject) {
        return await(subject + " in " + folder).atMost(WAIT).until(() -> find(user, password, folder, subject),
            m -> !m.isEmpty());
    }

    private static void sendFromOutside(String rcpt, String subject, String body) {
        try (SmtpSession smtp = SmtpSession.plain(james.smtpPort())) {
            assertThat(smtp.ehlo("mx.evil.test").code()).isEqualTo(250);
            assertThat(smtp.mailFrom("mallory@evil.test").code()).isEqualTo(250);
            assertThat(smtp.rcptTo(rcpt).code()).isEqualTo(250);
            assertThat(smtp.data(Messages.simple("mallory@evil.test", rcpt, subject, body)).code()).isEqualTo(250);
        }
    }

    private static String find(String user, String password, String folder, String subject) {
        List<String> messages = MailReader.imap(james.imapPort(), user, password, folder);
        return messages.stream().filter(m -> m.contains("Subject: " + subject + "\r\n")).findFirst().orElse("");
    }
}
