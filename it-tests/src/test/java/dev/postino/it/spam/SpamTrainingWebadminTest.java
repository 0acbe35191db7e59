package dev.postino.it.spam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

import javax.mail.Folder;
import javax.mail.Message;
import javax.mail.Session;
import javax.mail.Store;
import javax.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.postino.it.harness.MailReader;
import dev.postino.it.harness.Messages;
import dev.postino.it.harness.PostinoJames;
import dev.postino.it.harness.SmtpSession;
import dev.postino.it.harness.Webadmin;
import dev.postino.testing.dns.DnsZone;
import dev.postino.testing.dns.ScriptedDnsService;
import io.restassured.path.json.JsonPath;

// mallory → a.test(25) → untrained: bob's INBOX ; admin → POST /postino/spam/learn ×120 → the next such mail: bob's Junk
// admin → POST /postino/spam/learn?user=carol@a.test&folder=Junk&as=spam → task → /tasks/{id}/await: learned = carol's Junk
class SpamTrainingWebadminTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String SPAMMY = "cheap pills casino winner lottery jackpot claim your prize";
    private static PostinoJames james;

    @BeforeAll
    static void start() {
        james = PostinoJames.builder().name("spam-admin").dns(new ScriptedDnsService(new DnsZone())).build().start();
        james.addUser("bob@a.test", "bob-secret").addUser("carol@a.test", "carol-secret");
    }

    @AfterAll
    static void stop() {
        if (james != null) {
            james.close();
        }
    }

    private static void sendToBob(String subject, String body) {
        try (SmtpSession smtp = SmtpSession.plain(james.smtpPort())) {
            assertThat(smtp.ehlo("mx.evil.test").code()).isEqualTo(250);
            assertThat(smtp.mailFrom("mallory@evil.test").code()).isEqualTo(250);
            assertThat(smtp.rcptTo("bob@a.test").code()).isEqualTo(250);
            assertThat(smtp.data(Messages.simple("mallory@evil.test", "bob@a.test", subject, body)).code()).isEqualTo(250);
        }
    }

    private static String awaitBobs(String folder, String subject) {
        return await().atMost(WAIT).until(() -> MailReader.imap(james.imapPort(), "bob@a.test", "bob-secret", folder),
                mails -> mails.stream().anyMatch(m -> m.contains("Subject: " + subject)))
            .stream().filter(m -> m.contains("Subject: " + subject)).findFirst().orElseThrow()
            .replaceAll("\r\n[ \t]+", " ");
    }

    private static JsonPath stats() {
        return Webadmin.given(james).get("/postino/spam/stats").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void trainingThroughWebadminChangesTheNextVerdict() {
        sendToBob("before training", SPAMMY);
        assertThat(awaitBobs("INBOX", "before training")).as("the classifier abstains untrained")
            .contains("X-Spam-Status: No").doesNotContain("BAYES_");
        long spamBefore = stats().getLong("messagesLearned.spam");
        long hamBefore = stats().getLong("messagesLearned.ham");

        for (int i = 0; i < 60; i++) {
            Webadmin.given(james).contentType("message/rfc822").body(TrainingCorpus.message(true, i))
                .post("/postino/spam/learn?as=spam").then().statusCode(200).body("learned", equalTo("spam"));
            Webadmin.given(james).contentType("message/rfc822").body(TrainingCorpus.message(false, i))
                .post("/postino/spam/learn?as=ham").then().statusCode(200).body("learned", equalTo("ham"));
        }

        JsonPath after = stats();
        assertThat(after.getLong("messagesLearned.spam")).isEqualTo(spamBefore + 60);
        assertThat(after.getLong("messagesLearned.ham")).isEqualTo(hamBefore + 60);
        assertThat(after.getBoolean("classifierActive")).isTrue();
        assertThat(after.getInt("tokens")).isGreaterThan(16);
        assertThat(after.getString("store")).endsWith("var/postino/spam-tokens");

        sendToBob("after training", SPAMMY);
        assertThat(awaitBobs("Junk", "after training")).contains("X-Spam-Status: Yes").contains("BAYES_9999");
        assertThat(james.home().resolve("var/postino/spam-tokens")).as("saved at once").exists();

        JsonPath verdicts = stats();
        assertThat(verdicts.getLong("verdictsSinceStart.tagged")).isGreaterThanOrEqualTo(1);
        assertThat(verdicts.getLong("verdictsSinceStart.ham")).isGreaterThanOrEqualTo(1);
        assertThat(Webadmin.metric(james, "postino_spam_tagged_total")).isGreaterThanOrEqualTo(1);
        assertThat(Webadmin.metric(james, "postino_spam_ham_total")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void aTaskLearnsEveryMessageOfAUsersFolder() throws Exception {
        appendToCarols("Junk", List.of(TrainingCorpus.message(true, 101), TrainingCorpus.message(true, 102),
            TrainingCorpus.message(true, 103)));
        long spamBefore = stats().getLong("messagesLearned.spam");

        String taskId = Webadmin.given(james).post("/postino/spam/learn?as=spam&user=carol@a.test&folder=Junk")
            .then().statusCode(201).body("taskId", org.hamcrest.Matchers.notNullValue())
            .extract().jsonPath().getString("taskId");

        Webadmin.given(james).get("/tasks/" + taskId + "/await").then().statusCode(200)
            .body("status", equalTo("completed"))
            .body("type", equalTo("postino-spam-learn-from-mailbox"))
            .body("additionalInformation.user", equalTo("carol@a.test"))
            .body("additionalInformation.folder", equalTo("Junk"))
            .body("additionalInformation.as", equalTo("spam"))
            .body("additionalInformation.learned", equalTo(3))
            .body("additionalInformation.failed", equalTo(0));
        assertThat(stats().getLong("messagesLearned.spam")).isEqualTo(spamBefore + 3);
    }

    @Test
    void anUnknownUserOrFolderIs404AndNoTaskStarts() {
        Webadmin.given(james).post("/postino/spam/learn?as=spam&user=nobody@a.test&folder=Junk").then()
            .statusCode(404).body("message", equalTo("no user nobody@a.test"));
        Webadmin.given(james).post("/postino/spam/learn?as=ham&user=bob@a.test&folder=Archive").then()
            .statusCode(404).body("message", equalTo("user bob@a.test has no folder 'Archive'"));
    }

    @ParameterizedTest(name = "{0} → 400 {1}")
    @CsvSource(delimiter = '|', value = {
        "/postino/spam/learn                              | as",
        "/postino/spam/learn?as=maybe                     | as",
        "/postino/spam/learn?as=SPAM                      | as",
        "/postino/spam/learn?as=spam&user=bob@a.test      | folder",
        "/postino/spam/learn?as=spam&folder=Junk          | user",
        "/postino/spam/learn?as=spam&user=bob@@a.test&folder=Junk | user",
    })
    void aMalformedParameterIs400NamingIt(String path, String field) {
        long learned = stats().getLong("messagesLearned.spam") + stats().getLong("messagesLearned.ham");
        Webadmin.given(james).contentType("message/rfc822").body(TrainingCorpus.message(true, 1)).post(path).then()
            .statusCode(400).body("type", equalTo("InvalidArgument")).body("message", startsWith(field + ": "));
        assertThat(stats().getLong("messagesLearned.spam") + stats().getLong("messagesLearned.ham")).isEqualTo(learned);
    }

    @Test
    void anEmptyBodyIs400AndATooLargeOne413() {
        Webadmin.given(james).contentType("message/rfc822").body("").post("/postino/spam/learn?as=spam").then()
            .statusCode(400).body("message", startsWith("body: "));
        byte[] huge = ("Subject: big\r\n\r\n" + "x".repeat(10 * 1024 * 1024)).getBytes(StandardCharsets.US_ASCII);
        Webadmin.given(james).contentType("message/rfc822").body(huge).post("/postino/spam/learn?as=spam").then()
            .statusCode(413).body("statusCode", equalTo(413)).body("message", startsWith("body: "));
    }

    @ParameterizedTest(name = "{0} → 400, nothing learned")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "plain text                  | `Dear admin,\nplease learn this as spam.\n`                | the first line is not a header field",
        "JSON                        | `{\"as\": \"spam\", \"message\": \"cheap pills\"}`        | the first line is not a header field",
        "a text line after a header  | `Subject: pills\nbuy cheap pills now\n`                  | line 2 is neither a header field",
        "an empty line first         | `\r\nSubject: pills\r\n\r\ncheap`                      | the message starts with an empty line",
        "binary data                 | `\u0089PNG\r\n\u001a\n`                                | the first line is not a header field",
    })
    void aBodyThatIsNotAMessageIs400SayingWhyAndNothingIsLearned(String what, String body, String why) {
        long learned = stats().getLong("messagesLearned.spam") + stats().getLong("messagesLearned.ham");
        long tokens = stats().getLong("tokens");
        Webadmin.given(james).contentType("message/rfc822").body(body.getBytes(StandardCharsets.ISO_8859_1))
            .post("/postino/spam/learn?as=spam").then()
            .statusCode(400).body("type", equalTo("InvalidArgument"))
            .body("message", startsWith("body: not an RFC 5322 message, nothing learned: " + why));
        assertThat(stats().getLong("messagesLearned.spam") + stats().getLong("messagesLearned.ham")).isEqualTo(learned);
        assertThat(stats().getLong("tokens")).isEqualTo(tokens);
    }

    @Test
    void aMessageWithOnlyAFewHeadersIsLearned() {
        long hamBefore = stats().getLong("messagesLearned.ham");
        Webadmin.given(james).contentType("message/rfc822").body("Subject: quarterly budget\r\n\r\nsee the draft report\r\n")
            .post("/postino/spam/learn?as=ham").then().statusCode(200).body("learned", equalTo("ham"));
        assertThat(stats().getLong("messagesLearned.ham")).isEqualTo(hamBefore + 1);
    }

    @Test
    void aMessageSentAsAFormIs400NamingTheContentTypeToUse() {
        // curl --data-binary without -H sends application/x-www-form-urlencoded; Jetty reads it as a form.
        Webadmin.given(james).contentType("application/x-www-form-urlencoded").body(TrainingCorpus.message(true, 7))
            .post("/postino/spam/learn?as=spam").then().statusCode(400)
            .body("message", equalTo("body: a raw RFC 5322 message is required (it was sent as a form,"
                + " application/x-www-form-urlencoded: send it with Content-Type: message/rfc822)"));
    }

    @Test
    void statsAreShownBeforeAnyTraining() {
        Webadmin.given(james).get("/postino/spam/stats").then().statusCode(200)
            .body("tokens", org.hamcrest.Matchers.greaterThanOrEqualTo(0))
            .body("verdictsSinceStart.rejected", org.hamcrest.Matchers.greaterThanOrEqualTo(0))
            .body("verdictsSinceStart.keySet()", org.hamcrest.Matchers.containsInAnyOrder("ham", "tagged", "rejected",
                "quarantined", "checkFailed"));
    }

    private static void appendToCarols(String folderName, List<String> raw) throws Exception {
        Properties props = new Properties();
        props.setProperty("mail.imap.starttls.enable", "true");
        props.setProperty("mail.imap.starttls.required", "true");
        props.setProperty("mail.imap.ssl.trust", "*");
        Session session = Session.getInstance(props);
        try (Store store = session.getStore("imap")) {
            store.connect("127.0.0.1", james.imapPort(), "carol@a.test", "carol-secret");
            Folder folder = store.getFolder(folderName);
            if (!folder.exists()) {
                folder.create(Folder.HOLDS_MESSAGES);
            }
            Message[] messages = new Message[raw.size()];
            for (int i = 0; i < raw.size(); i++) {
                messages[i] = new MimeMessage(session, new ByteArrayInputStream(raw.get(i).getBytes(StandardCharsets.UTF_8)));
            }
            folder.appendMessages(messages);
        }
    }
}
