package dev.postino.mailets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Properties;

import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.apache.james.jdkim.DKIMVerifier;
import org.apache.james.jdkim.api.SignatureRecord;
import org.apache.james.server.core.MimeMessageWrapper;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import dev.postino.config.PostinoProperties;
import dev.postino.deliverability.DkimKey;
import dev.postino.deliverability.DkimKeyStore;
import dev.postino.deliverability.HostIdentity;

class SignDkimTest {
    @TempDir
    Path dir;

    private HostIdentity host() {
        return new HostIdentity(dir, PostinoProperties.load(dir), "mx.a.test");
    }

    private static MimeMessage raw(String text) throws Exception {
        return new MimeMessageWrapper(new MimeMessage(Session.getInstance(new Properties()),
            new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII))));
    }

    @Test
    void signsWithTheFromDomainsKeyAndTheSignatureVerifies() throws Exception {
        DkimKeyStore store = new DkimKeyStore(dir, Clock.systemUTC());
        DkimKey key = store.create("a.test");
        SignDkim mailet = new SignDkim(store, host());
        mailet.init(FakeMailetConfig.builder().mailetName("SignDkim").build());
        FakeMail mail = FakeMail.builder().name("m1").mimeMessage(raw("From: Alice <alice@A.test>\r\nTo: bob@b.test\r\n"
            + "Subject: hi\r\nDate: Fri, 27 Nov 2026 10:00:00 +0000\r\nMessage-ID: <1@a.test>\r\n\r\nhello\r\n")).build();

        mailet.service(mail);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        mail.getMessage().writeTo(out);
        assertThat(out.toString(StandardCharsets.US_ASCII)).containsPattern("(?m)^DKIM-Signature: ");
        List<SignatureRecord> verified = new DKIMVerifier((method, selector, domain) ->
            selector.toString().equals(key.selector()) && domain.toString().equals("a.test")
                ? List.of("v=DKIM1; k=rsa; p=" + key.publicKey().base64()) : List.of())
            .verify(new ByteArrayInputStream(out.toByteArray()));
        assertThat(verified).singleElement().satisfies(r -> assertThat(r.getDToken().toString()).isEqualTo("a.test"));
    }

    @Test
    void mailOfADomainWithoutKeyLeavesUnsigned() throws Exception {
        SignDkim mailet = new SignDkim(new DkimKeyStore(dir, Clock.systemUTC()), host());
        mailet.init(FakeMailetConfig.builder().mailetName("SignDkim").build());
        FakeMail mail = FakeMail.builder().name("m1").mimeMessage(raw("From: c@c.test\r\nSubject: hi\r\n\r\nhello\r\n")).build();

        mailet.service(mail);

        assertThat(mail.getMessage().getHeader("DKIM-Signature")).isNull();
    }

    @Test
    void mailThatCameInFromAnotherServerIsForwardedUnsigned() throws Exception {
        DkimKeyStore store = new DkimKeyStore(dir, Clock.systemUTC());
        store.create("a.test");
        SignDkim mailet = new SignDkim(store, host());
        mailet.init(FakeMailetConfig.builder().mailetName("SignDkim").build());
        // A forged From of our domain, as CheckSenderAuthentication left it on arrival.
        FakeMail forwarded = FakeMail.builder().name("m1").mimeMessage(raw("Authentication-Results: MX.A.TEST;\r\n"
            + " spf=none smtp.mailfrom=x@evil.test; dkim=none; dmarc=fail header.from=a.test\r\n"
            + "From: ceo@a.test\r\nSubject: wire the money\r\n\r\nnow\r\n")).build();
        // Another server's results (the author's own relay) say nothing about our part.
        FakeMail theirs = FakeMail.builder().name("m2").mimeMessage(raw("Authentication-Results: mx.b.test; spf=pass\r\n"
            + "From: alice@a.test\r\nSubject: hi\r\n\r\nhello\r\n")).build();

        mailet.service(forwarded);
        mailet.service(theirs);

        assertThat(forwarded.getMessage().getHeader("DKIM-Signature")).isNull();
        assertThat(theirs.getMessage().getHeader("DKIM-Signature")).isNotNull();
    }

    /** The message as the mail leaves (RouteByMx writes it so), and the signatures in it that verify. */
    private static List<SignatureRecord> verifiedSignatures(byte[] sent, DkimKey key) throws Exception {
        return new DKIMVerifier((method, selector, domain) ->
            selector.toString().equals(key.selector()) && domain.toString().equals("a.test")
                ? List.of("v=DKIM1; k=rsa; p=" + key.publicKey().base64()) : List.of())
            .verify(new ByteArrayInputStream(sent));
    }

    @ParameterizedTest(name = "Content-Type: {0}")
    @ValueSource(strings = {
        "text/plain; charset",
        "multipart/mixed; boundary=\"not-in-the-body\"",
        "multipart/alternative",
    })
    void aMessageWhoseContentTypeJavaMailCannotParseIsSignedAsItIs(String contentType) throws Exception {
        DkimKeyStore store = new DkimKeyStore(dir, Clock.systemUTC());
        DkimKey key = store.create("a.test");
        SignDkim mailet = new SignDkim(store, host());
        mailet.init(FakeMailetConfig.builder().mailetName("SignDkim").build());
        String body = "--other\r\nContent-Type: text/plain\r\n\r\nhello\r\n--other--\r\n";
        MimeMessage message = raw("From: Alice <alice@a.test>\r\nTo: bob@b.test\r\nSubject: hi\r\n"
            + "Date: Fri, 27 Nov 2026 10:00:00 +0000\r\nMessage-ID: <2@a.test>\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: " + contentType + "\r\n\r\n" + body);
        // CleanOutgoingHeaders edits the header before SignDkim: the message is modified, not saved.
        message.removeHeader("Bcc");
        FakeMail mail = FakeMail.builder().name("m2").mimeMessage(message).build();

        mailet.service(mail);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        mail.getMessage().writeTo(out);
        String sent = out.toString(StandardCharsets.US_ASCII);
        assertThat(sent).containsPattern("(?m)^DKIM-Signature: ").contains("Content-Type: " + contentType + "\r\n")
            .endsWith("\r\n\r\n" + body);
        assertThat(verifiedSignatures(out.toByteArray(), key))
            .singleElement().satisfies(r -> assertThat(r.getDToken().toString()).isEqualTo("a.test"));
    }
}
