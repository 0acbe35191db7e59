package dev.postino.it.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.postino.it.harness.PostinoJames;
import dev.postino.it.harness.SmtpReplyLines;
import dev.postino.it.harness.SmtpSession;
import dev.postino.it.harness.Webadmin;
import dev.postino.testing.dns.DnsZone;
import dev.postino.testing.dns.ScriptedDnsService;

// admin → PUT /postino/limits/b.test {"inbound": "100K"} → outsider → (25) MAIL SIZE=200000, RCPT bob@b.test: 552 5.3.4; DELETE → 250
class SizeLimitsWebadminTest {
    private static PostinoJames james;

    @BeforeAll
    static void start() {
        james = PostinoJames.builder().name("limits").dns(new ScriptedDnsService(new DnsZone()))
            .confFile("postino.properties", "size.limit=1M\n"
                + "size.limit.submission.domain.a.test=200K\n"
                + "size.limit.inbound.user.big@b.test=3M\n")
            .build().start();
        james.addUser("bob@b.test", "bob-secret").addUser("big@b.test", "big-secret").addUser("alice@a.test", "alice-secret");
    }

    @AfterAll
    static void stop() {
        if (james != null) {
            james.close();
        }
    }

    private static int rcptReplyFor(int declaredSize, String rcpt) {
        try (SmtpSession smtp = SmtpSession.plain(james.smtpPort())) {
            smtp.ehlo("mx.outside.test");
            assertThat(smtp.command("MAIL FROM:<x@outside.test> SIZE=" + declaredSize).code()).isEqualTo(250);
            SmtpReplyLines reply = smtp.rcptTo(rcpt);
            if (reply.code() == 552) {
                assertThat(reply.text()).startsWith("5.3.4");
            }
            return reply.code();
        }
    }

    @Test
    void aLimitPutThroughWebadminRefusesTheNextOversizeMailAtSmtp() {
        double refusedBefore = Webadmin.metric(james, "postino_size_refused_total");
        assertThat(rcptReplyFor(200_000, "bob@b.test")).isEqualTo(250);

        Webadmin.given(james).body("{\"inbound\": \"100K\"}").put("/postino/limits/b.test").then().statusCode(204);

        assertThat(rcptReplyFor(200_000, "bob@b.test")).isEqualTo(552);
        assertThat(rcptReplyFor(100 * 1024, "bob@b.test")).as("exactly at the limit").isEqualTo(250);
        assertThat(rcptReplyFor(200_000, "big@b.test")).as("the address's own file limit beats its domain's")
            .isEqualTo(250);
        assertThat(Webadmin.metric(james, "postino_size_refused_total")).isEqualTo(refusedBefore + 1);

        Webadmin.given(james).delete("/postino/limits/b.test").then().statusCode(204);
        assertThat(rcptReplyFor(200_000, "bob@b.test")).isEqualTo(250);
    }

    @Test
    void limitsAreShownWithTheirSourceAndWebadminOverridesTheFilePerDirection() {
        Webadmin.given(james).body("{\"inbound\": \"5M\"}").put("/postino/limits/a.test").then().statusCode(204);
        Webadmin.given(james).body("{\"submission\": 5242880, \"inbound\": \"unlimited\"}")
            .put("/postino/limits/CEO@A.test").then().statusCode(204);

        Webadmin.given(james).get("/postino/limits/a.test").then().statusCode(200)
            .body("key", equalTo("a.test"))
            .body("kind", equalTo("domain"))
            .body("submission.limit", equalTo("200K"))
            .body("submission.bytes", equalTo(204800))
            .body("submission.source", equalTo("file"))
            .body("inbound.limit", equalTo("5M"))
            .body("inbound.source", equalTo("webadmin"));
        Webadmin.given(james).get("/postino/limits/ceo@a.test").then().statusCode(200)
            .body("kind", equalTo("user"))
            .body("submission.limit", equalTo("5M"))
            .body("inbound.limit", equalTo("unlimited"))
            .body("inbound.bytes", nullValue());
        Webadmin.given(james).get("/postino/limits").then().statusCode(200)
            .body("global.limit", equalTo("1M"))
            .body("global.source", equalTo("file"))
            .body("limits.key", hasItems("a.test", "ceo@a.test", "big@b.test"));

        Webadmin.given(james).body("{\"submission\": \"1G\"}").put("/postino/limits/a.test").then().statusCode(204);
        Webadmin.given(james).get("/postino/limits/a.test").then()
            .body("submission.source", equalTo("webadmin")).body("inbound", nullValue());

        Webadmin.given(james).delete("/postino/limits/a.test").then().statusCode(204);
        Webadmin.given(james).delete("/postino/limits/ceo@a.test").then().statusCode(204);
        Webadmin.given(james).get("/postino/limits/a.test").then().statusCode(200)
            .body("submission.source", equalTo("file")).body("inbound", nullValue());
        Webadmin.given(james).get("/postino/limits/ceo@a.test").then().statusCode(404);
    }

    @ParameterizedTest(name = "{0} → 400 {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "{}                                  | submission",
        "{\"submission\": \"10MB\"}          | submission",
        "{\"submission\": \"1.5M\"}          | submission",
        "{\"submission\": \"10\"}            | submission",
        "{\"inbound\": -1}                   | inbound",
        "{\"inbound\": true}                 | inbound",
        "{\"inbound\": \"lots\"}             | inbound",
        "{\"size\": \"1M\"}                  | size",
        "not json                            | body",
        "``                                  | body",
    })
    void aMalformedValueIs400NamingItsField(String body, String field) {
        Webadmin.given(james).body(body).put("/postino/limits/c.test").then()
            .statusCode(400)
            .body("type", equalTo("InvalidArgument"))
            .body("message", startsWith(field + ": "));
        Webadmin.given(james).get("/postino/limits/c.test").then().statusCode(404);
    }

    @ParameterizedTest(name = "{0} → 400 {1}")
    @CsvSource(delimiter = '|', value = {
        "b..test      | domain",
        "-b.test      | domain",
        ".b.test      | domain",
        "*            | domain",
        "a@@b.test    | user",
        "@b.test      | user",
        "bob@b..test  | user",
        "bob@         | user",
    })
    void aMalformedDomainOrUserIs400NamingIt(String key, String field) {
        Webadmin.given(james).body("{\"inbound\": \"1M\"}").put("/postino/limits/" + key).then()
            .statusCode(400).body("message", startsWith(field + ": "));
    }

    @Test
    void unknownLimitsAre404() {
        Webadmin.given(james).get("/postino/limits/nowhere.test").then().statusCode(404).body("type", equalTo("notFound"));
        Webadmin.given(james).delete("/postino/limits/nowhere.test").then().statusCode(404);
        // A file limit is not deleted through webadmin.
        Webadmin.given(james).delete("/postino/limits/big@b.test").then().statusCode(404);
    }
}
