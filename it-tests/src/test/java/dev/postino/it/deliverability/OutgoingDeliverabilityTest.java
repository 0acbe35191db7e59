package dev.postino.it.deliverability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.james.jspf.core.SPF1Record;
import org.apache.james.jspf.impl.DefaultTermsFactory;
import org.apache.james.jspf.parser.RFC4408SPF1Parser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.postino.it.harness.Alice;
import dev.postino.it.harness.Messages;
import dev.postino.it.harness.MxLab;
import dev.postino.it.harness.PostinoJames;
import dev.postino.it.harness.SmtpSession;
import dev.postino.testing.peer.RecordedMessage;
import dev.postino.testing.peer.ScriptedSmtpPeer;

// alice → A(587) [no Message-ID, no Date, Bcc: carol] → MX b.test (scripted peer): Message-ID@a.postino.test, Date, no Bcc, no client IP
// admin → POST /postino/domains/a.test/dkim, GET …/dns → records published in the lab DNS;
// alice → A(587) → SignDkim → MX b.test (scripted peer) → python3-dkim verifies against that DNS
//   (also for a Content-Type javax.mail cannot parse: 'text/plain; charset', a boundary missing from the body)
class OutgoingDeliverabilityTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static MxLab lab;
    private static PostinoJames a;
    private static Alice alice;
    private static ScriptedSmtpPeer mx;

    @BeforeAll
    static void start() {
        lab = MxLab.start();
        lab.zone().mx("b.test", 10, "mx.b.test").a("mx.b.test", "127.0.0.2");
        mx = lab.peer("127.0.0.2");
        a = lab.postino("a").build().start();
        alice = new Alice(a);
    }

    @AfterAll
    static void stop() {
        if (a != null) {
            a.close();
        }
        lab.close();
    }

    @Test
    void aSubmissionWithoutMessageIdAndDateLeavesWithBothAndWithoutBcc() {
        alice.sendRaw(List.of("bob@b.test", "carol@b.test"), "From: alice@a.test\r\n"
            + "To: bob@b.test\r\n"
            + "Bcc: carol@b.test\r\n"
            + "Subject: bare submission\r\n"
            + "\r\n"
            + "no Message-ID, no Date\r\n");

        RecordedMessage got = awaitMessage("bare submission");
        String header = got.content().substring(0, got.content().indexOf("\r\n\r\n")).replaceAll("\r\n[ \t]+", " ");

        assertThat(got.recipientAddresses()).containsExactlyInAnyOrder("bob@b.test", "carol@b.test");
        assertThat(header).containsPattern("(?m)^Message-ID: <[A-Za-z0-9.-]+@a\\.postino\\.test>$")
            .containsPattern("(?m)^Date: \\w{3}, \\d{1,2} \\w{3} \\d{4} \\d{2}:\\d{2}:\\d{2} \\+0000$")
            .doesNotContainPattern("(?im)^Bcc:")
            .doesNotContain("carol@b.test")
            .doesNotContainPattern("(?im)^X-Spam-")
            // hideSubmitterAddress=true (shipped): our Received names no client address.
            .doesNotContain("[127.0.0.1]")
            .containsPattern("(?m)^Received: by \\S+ \\(JAMES SMTP Server \\) with ESMTPS?A ID ");
    }

    @Test
    void signaturesVerifyWithAnIndependentVerifierAgainstThePublishedKey() throws Exception {
        HttpResponse<String> created = http("POST", "/postino/domains/a.test/dkim", "application/json");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode key = JSON.readTree(created.body());
        String selector = key.get("selector").asText();
        assertThat(selector).matches("postino\\d{6}");
        assertThat(key.get("bits").asInt()).isEqualTo(2048);

        Path pem = a.home().resolve("var/postino/dkim/a.test.pem");
        assertThat(Files.getPosixFilePermissions(pem)).isEqualTo(PosixFilePermissions.fromString("rw-------"));

        JsonNode dns = JSON.readTree(http("GET", "/postino/domains/a.test/dns", "application/json").body());
        for (JsonNode record : dns.get("records")) {
            if (record.get("type").asText().equals("TXT")) {
                lab.zone().txt(record.get("name").asText(), record.get("value").asText());
            }
        }
        String dkimTxt = recordValue(dns, selector + "._domainkey.a.test.");
        assertThat(dkimTxt).startsWith("v=DKIM1; k=rsa; p=");
        assertThat(dkimTxt.substring(dkimTxt.indexOf("p=") + 2)).isEqualTo(publicKeyOf(pem));

        alice.send("signed mail", "bob@b.test");
        RecordedMessage got = awaitMessage("signed mail");

        assertThat(got.content()).containsPattern("(?m)^DKIM-Signature: ").contains("d=a.test").contains("s=" + selector);
        assertThat(pythonDkimVerify(got.data())).isEqualTo("pass d=a.test s=" + selector);

        String tampered = got.content().replace("body of signed mail", "body of changed mail");
        assertThat(pythonDkimVerify(tampered.getBytes(StandardCharsets.UTF_8))).startsWith("fail: body hash mismatch");

        // A Content-Type javax.mail cannot parse: signed as it is (DKIM signs bytes), not sent unsigned.
        for (String contentType : List.of("text/plain; charset", "multipart/mixed; boundary=\"not-in-the-body\"")) {
            String subject = "signed as it is: " + contentType.substring(0, contentType.indexOf(';'));
            alice.sendRaw(List.of("bob@b.test"), "From: alice@a.test\r\nTo: bob@b.test\r\nSubject: " + subject + "\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: " + contentType + "\r\n\r\n--other\r\n\r\nhello\r\n--other--\r\n");
            RecordedMessage odd = awaitMessage(subject);
            assertThat(odd.content()).containsPattern("(?m)^DKIM-Signature: ").contains("Content-Type: " + contentType + "\r\n")
                .endsWith("\r\n\r\n--other\r\n\r\nhello\r\n--other--\r\n");
            assertThat(pythonDkimVerify(odd.data())).as(contentType).isEqualTo("pass d=a.test s=" + selector);
        }
    }

    @Test
    void aForwardedOutsidersMailNeverGetsOurSignatureButAUsersForwardedMailDoes() {
        HttpResponse<String> created = http("POST", "/postino/domains/a.test/dkim", "application/json");
        assertThat(created.body()).as("a key for a.test, made here or by another test")
            .satisfiesAnyOf(b -> assertThat(created.statusCode()).isEqualTo(201), b -> assertThat(b).contains("already has a DKIM key"));
        a.addUser("fwd@a.test", "fwd-secret");
        a.webadmin().put("/address/forwards/fwd@a.test/targets/dave@b.test");

        // An outsider writes as a.test's CEO to a user whose mail is forwarded off-site.
        try (SmtpSession smtp = SmtpSession.plain(a.smtpPort())) {
            smtp.ehlo("mx.evil.test");
            assertThat(smtp.mailFrom("x@evil.test").code()).isEqualTo(250);
            assertThat(smtp.rcptTo("fwd@a.test").code()).isEqualTo(250);
            assertThat(smtp.data(Messages.simple("ceo@a.test", "fwd@a.test", "wire the money", "now")).code()).isEqualTo(250);
        }
        alice.send("alice via fwd", "fwd@a.test");

        RecordedMessage forged = awaitMessage("wire the money");
        RecordedMessage users = awaitMessage("alice via fwd");

        assertThat(forged.recipientAddresses()).containsExactly("dave@b.test");
        assertThat(forged.content()).doesNotContainPattern("(?m)^DKIM-Signature: ");
        assertThat(users.recipientAddresses()).containsExactly("dave@b.test");
        assertThat(users.content()).containsPattern("(?m)^DKIM-Signature: ").contains("d=a.test");
    }

    @Test
    void dnsRecordsParseAsZoneTextAndJson() throws Exception {
        a.addDomain("c.test");
        JsonNode dns = JSON.readTree(http("GET", "/postino/domains/c.test/dns", "application/json").body());

        assertThat(recordValue(dns, "c.test.")).isEqualTo("v=spf1 mx ~all");
        SPF1Record spf = new RFC4408SPF1Parser(new DefaultTermsFactory()).parse(recordValue(dns, "c.test."));
        assertThat(spf.getDirectives()).hasSize(2);
        assertThat(recordValue(dns, "_dmarc.c.test.")).matches("v=DMARC1; p=none; rua=mailto:postmaster@c\\.test");
        assertThat(recordValue(dns, "_smtp._tls.c.test.")).isEqualTo("v=TLSRPTv1; rua=mailto:postmaster@c.test");
        assertThat(recordValue(dns, "_mta-sts.c.test.")).matches("v=STSv1; id=[0-9a-f]{16}");
        assertThat(dns.get("mtaStsPolicy").asText()).contains("mode: testing").contains("mx: a.postino.test");
        assertThat(dns.get("missing").get(0).asText()).contains("POST /postino/domains/c.test/dkim");
        assertThat(dns.get("records").findValuesAsText("type")).containsExactly("MX", "TXT", "TXT", "TXT", "TXT");
        assertThat(dns.get("records").get(0).get("value").asText()).isEqualTo("10 a.postino.test.");

        String zone = http("GET", "/postino/domains/c.test/dns?format=zone", "*/*").body();
        String negotiated = http("GET", "/postino/domains/c.test/dns", "text/plain").body();
        assertThat(negotiated).isEqualTo(zone);
        assertThat(zone).contains("c.test.\t3600\tIN\tMX\t10 a.postino.test.\n")
            .contains("_dmarc.c.test.\t3600\tIN\tTXT\t\"v=DMARC1; p=none; rua=mailto:postmaster@c.test\"\n");
    }

    @Test
    void badRequestsGetPreciseErrors() throws Exception {
        HttpResponse<String> malformed = http("POST", "/postino/domains/not_a..domain/dkim", "application/json");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.body()).contains("domain").contains("not_a..domain");

        HttpResponse<String> unknown = http("GET", "/postino/domains/nowhere.test/dns", "application/json");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("nowhere.test is not served");

        assertThat(http("GET", "/postino/domains/a.test/dns?format=xml", "*/*").body()).contains("format");

        a.addDomain("d.test");
        assertThat(http("POST", "/postino/domains/d.test/dkim", "application/json").statusCode()).isEqualTo(201);
        HttpResponse<String> again = http("POST", "/postino/domains/d.test/dkim", "application/json");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains("already has a DKIM key");
    }

    @Test
    void aDamagedKeyFileIsNamedInTheAnswerAndKept() throws Exception {
        a.addDomain("e.test");
        Path pem = a.home().resolve("var/postino/dkim/e.test.pem");
        Files.createDirectories(pem.getParent());
        Files.writeString(pem, "-----BEGIN PRIVATE KEY-----\nbroken by hand\n-----END PRIVATE KEY-----\n");

        for (HttpResponse<String> answer : List.of(http("GET", "/postino/domains/e.test/dns", "application/json"),
                http("POST", "/postino/domains/e.test/dkim", "application/json"))) {
            assertThat(answer.statusCode()).isEqualTo(500);
            assertThat(answer.body()).contains("DKIM key of e.test cannot be read").contains("var/postino/dkim/e.test.pem");
        }
        assertThat(Files.readString(pem)).contains("broken by hand");
    }

    private static RecordedMessage awaitMessage(String subject) {
        return await().atMost(WAIT).until(() -> mx.messages().stream()
            .filter(m -> m.content().contains("Subject: " + subject + "\r\n")).findFirst(), java.util.Optional::isPresent).get();
    }

    private static String recordValue(JsonNode dns, String name) {
        for (JsonNode record : dns.get("records")) {
            if (record.get("name").asText().equals(name) && record.get("type").asText().equals("TXT")) {
                return record.get("value").asText();
            }
        }
        throw new AssertionError("no TXT record " + name + " in " + dns);
    }

    private static String publicKeyOf(Path pem) throws Exception {
        String base64 = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        RSAPrivateCrtKey key = (RSAPrivateCrtKey) KeyFactory.getInstance("RSA")
            .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        return Base64.getEncoder().encodeToString(KeyFactory.getInstance("RSA")
            .generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent())).getEncoded());
    }

    private static HttpResponse<String> http(String method, String path, String accept) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + a.webadminPort() + path))
                .header("Accept", accept)
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build();
            return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Debian's python3-dkim (installed by .ci/run) against the lab's DNS server. */
    static String pythonDkimVerify(byte[] message) throws Exception {
        Path script = Files.createTempFile("dkim_verify", ".py");
        try (InputStream in = OutgoingDeliverabilityTest.class.getResourceAsStream("/deliverability/dkim_verify.py")) {
            Files.write(script, in.readAllBytes());
        }
        Process process = new ProcessBuilder("/usr/bin/python3", script.toString(), String.valueOf(lab.dnsPort()))
            .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        process.getOutputStream().write(message);
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        Files.delete(script);
        return out;
    }

}
