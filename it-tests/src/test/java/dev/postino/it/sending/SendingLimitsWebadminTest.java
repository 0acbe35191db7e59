package dev.postino.it.sending;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.postino.it.harness.Messages;
import dev.postino.it.harness.PostinoJames;
import dev.postino.it.harness.SmtpReplyLines;
import dev.postino.it.harness.SmtpSession;
import dev.postino.it.sending.WebadminHttp.Answer;
import dev.postino.testing.dns.DnsZone;
import dev.postino.testing.dns.ScriptedDnsService;

// admin → PUT /postino/sending-limits/{user|domain} → alice's next MAIL on 587 obeys it; bad input → 400 naming
// the field; unknown → 404; the override is in var/postino/sending-limits.json and in force after a restart
class SendingLimitsWebadminTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ALICE = "/postino/sending-limits/alice@a.test";
    private PostinoJames james;
    private WebadminHttp webadmin;

    @BeforeEach
    void start() {
        james = boot(PostinoJames.builder().name("sending-webadmin"));
    }

    @AfterEach
    void stop() {
        if (james != null) {
            james.close();
        }
    }

    private PostinoJames boot(PostinoJames.Builder builder) {
        PostinoJames server = builder.dns(new ScriptedDnsService(new DnsZone())).build().start();
        server.addUser("alice@a.test", "alice-secret").addUser("bob@a.test", "bob-secret");
        webadmin = new WebadminHttp(server.webadminPort());
        return server;
    }

    @Test
    void aPutTakesEffectOnTheNextMessageAndADeleteLiftsIt() throws Exception {
        assertThat(webadmin.get(ALICE).status()).as("no override yet").isEqualTo(404);
        try (SmtpSession smtp = SmtpSession.authenticated(james.submissionPort(), "alice@a.test", "alice-secret")) {
            assertThat(send(smtp).code()).isEqualTo(250);

            assertThat(webadmin.put(ALICE, "{\"messagesPerHour\": 2}").status()).isEqualTo(204);
            assertThat(send(smtp).code()).as("second of two, same session").isEqualTo(250);
            SmtpReplyLines third = smtp.mailFrom("alice@a.test");
            assertThat(third.code()).isEqualTo(451);
            assertThat(third.text()).startsWith("4.7.1");

            assertThat(JSON.readTree(webadmin.get(ALICE).body())).isEqualTo(JSON.readTree("{\"messagesPerHour\": 2}"));
            assertThat(webadmin.delete(ALICE).status()).isEqualTo(204);
            assertThat(send(smtp).code()).as("back to the default of 500 an hour").isEqualTo(250);
        }
        assertThat(webadmin.delete(ALICE).status()).as("already gone").isEqualTo(404);
    }

    @Test
    void aDomainOverrideAppliesToItsUsersAndAUserOverrideBeatsIt() throws Exception {
        assertThat(webadmin.put("/postino/sending-limits/a.test", "{\"messagesPerDay\": 0}").status()).isEqualTo(204);
        assertThat(webadmin.put(ALICE, "{\"messagesPerDay\": 5, \"recipientsPerMessage\": \"unlimited\"}").status()).isEqualTo(204);

        try (SmtpSession bob = SmtpSession.authenticated(james.submissionPort(), "bob@a.test", "bob-secret")) {
            assertThat(bob.mailFrom("bob@a.test").code()).isEqualTo(451);
        }
        try (SmtpSession alice = SmtpSession.authenticated(james.submissionPort(), "alice@a.test", "alice-secret")) {
            assertThat(send(alice).code()).isEqualTo(250);
        }
        JsonNode usage = JSON.readTree(webadmin.get(ALICE + "/usage").body());
        assertThat(usage.path("sources").path("messagesPerDay").asText()).isEqualTo("user-override");
        assertThat(usage.path("limits").path("recipientsPerMessage").asText()).isEqualTo("unlimited");
        assertThat(usage.path("day").path("messages").asLong()).isEqualTo(1);
        JsonNode bob = JSON.readTree(webadmin.get("/postino/sending-limits/bob@a.test/usage").body());
        assertThat(bob.path("sources").path("messagesPerDay").asText()).isEqualTo("domain-override");
        assertThat(bob.path("nextMessageAt").asText()).isEqualTo("never");

        JsonNode overview = JSON.readTree(webadmin.get("/postino/sending-limits").body());
        assertThat(overview.path("defaults").path("messagesPerDay").asLong()).isEqualTo(1000);
        assertThat(overview.path("overrides").path("domains").path("a.test").path("messagesPerDay").asLong()).isZero();
    }

    @Test
    void badInputIsA400NamingTheField() {
        assertBadRequest(webadmin.put(ALICE, "{\"messagesPerHour\": -1}"), "messagesPerHour: must be a whole number");
        assertBadRequest(webadmin.put(ALICE, "{\"messagesPerHour\": \"ten\"}"), "messagesPerHour: must be");
        assertBadRequest(webadmin.put(ALICE, "{\"messagesPerHours\": 10}"), "messagesPerHours: unknown field");
        assertBadRequest(webadmin.put(ALICE, "{\"messagesPerHour\": 10"), "the body is not valid JSON");
        assertBadRequest(webadmin.put(ALICE, "{}"), "no limit given");
        assertBadRequest(webadmin.put("/postino/sending-limits/a..test", "{\"messagesPerHour\": 10}"), "target: 'a..test' is not a valid domain");
        assertBadRequest(webadmin.put("/postino/sending-limits/alice@@a.test", "{\"messagesPerHour\": 10}"),
            "target: 'alice@@a.test' is not a valid user address");
        assertBadRequest(webadmin.get("/postino/sending-limits/a.test/usage"), "target: usage is counted per user");
        assertThat(webadmin.get(ALICE).status()).as("nothing was stored").isEqualTo(404);
    }

    @Test
    void anOverrideSurvivesARestart() throws Exception {
        assertThat(webadmin.put(ALICE, "{\"messagesPerHour\": 1}").status()).isEqualTo(204);
        Path home = james.home();
        assertThat(Files.readString(home.resolve("var/postino/sending-limits.json"))).contains("alice@a.test");
        james.close();

        james = boot(PostinoJames.builder().name("sending-webadmin").home(home));
        assertThat(JSON.readTree(webadmin.get(ALICE).body())).isEqualTo(JSON.readTree("{\"messagesPerHour\": 1}"));
        try (SmtpSession smtp = SmtpSession.authenticated(james.submissionPort(), "alice@a.test", "alice-secret")) {
            assertThat(send(smtp).code()).isEqualTo(250);
            assertThat(smtp.mailFrom("alice@a.test").code()).isEqualTo(451);
        }
    }

    private static void assertBadRequest(Answer answer, String message) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.body()).contains("\"type\":\"InvalidArgument\"").contains(message);
    }

    private static SmtpReplyLines send(SmtpSession smtp) {
        assertThat(smtp.mailFrom("alice@a.test").code()).isEqualTo(250);
        assertThat(smtp.rcptTo("bob@a.test").code()).isEqualTo(250);
        return smtp.data(Messages.simple("alice@a.test", "bob@a.test", "limited", "hello"));
    }
}
