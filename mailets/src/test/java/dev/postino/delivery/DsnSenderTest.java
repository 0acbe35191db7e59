package dev.postino.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.core.builder.MimeMessageBuilder;
import org.apache.mailet.DsnParameters;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.postino.core.dsn.DsnRequest;
import dev.postino.core.retry.AttemptResult;
import dev.postino.core.smtp.EnhancedStatus;
import dev.postino.core.smtp.SmtpReply;
import dev.postino.mailets.PostinoAttributes;

class DsnSenderTest {
    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    private final FakeMailContext context = FakeMailContext.defaultContext();
    private final DsnSender sender = new DsnSender(context, "mx.a.test", Clock.fixed(NOW, ZoneOffset.UTC));

    private static FakeMail mail(MaybeSender from) throws Exception {
        return FakeMail.builder()
            .name("m1")
            .sender(from)
            .recipient("bob@b.test")
            .mimeMessage(MimeMessageBuilder.mimeMessageBuilder().setSubject("hello").setText("body").build())
            .build();
    }

    private static List<AttemptResult> refused() {
        return List.of(AttemptResult.permanent("bob@b.test", EnhancedStatus.parse("5.1.1"),
            Optional.of(SmtpReply.parse("550 5.1.1 no such user")), Optional.of("mx.b.test"), NOW));
    }

    @Test
    void aFailureDsnGoesFromTheNullSenderToTheEnvelopeSender() throws Exception {
        List<String> named = sender.send(mail(MaybeSender.of(new MailAddress("alice@a.test"))), DsnRequest.Kind.FAILED,
            refused(), NOW, Optional.empty(), Map.of());

        assertThat(named).containsExactly("bob@b.test");
        assertThat(context.getSentMails()).hasSize(1);
        FakeMailContext.SentMail dsn = context.getSentMails().get(0);
        assertThat(dsn.getSender()).isNull();
        assertThat(dsn.getRecipients()).containsExactly(new MailAddress("alice@a.test"));
        assertThat(dsn.getAttributes()).containsKey(PostinoAttributes.IS_DSN);
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        dsn.getMsg().writeTo(raw);
        assertThat(raw.toString(StandardCharsets.UTF_8)).contains("Status: 5.1.1")
            .contains("Diagnostic-Code: smtp; 550 5.1.1 no such user").contains("Reporting-MTA: dns; mx.a.test");
    }

    @Test
    void noDsnForMailFromTheNullSender() throws Exception {
        assertThat(sender.send(mail(MaybeSender.nullSender()), DsnRequest.Kind.FAILED, refused(), NOW,
            Optional.empty(), Map.of())).isEmpty();
        assertThat(context.getSentMails()).isEmpty();
    }

    @Test
    void noDsnForMailJudgedSpam() throws Exception {
        FakeMail spam = mail(MaybeSender.of(new MailAddress("forged@victim.test")));
        PostinoAttributes.setFlag(spam, PostinoAttributes.JUDGED_SPAM);

        assertThat(sender.send(spam, DsnRequest.Kind.FAILED, refused(), NOW, Optional.empty(), Map.of())).isEmpty();
        assertThat(context.getSentMails()).as("no backscatter").isEmpty();
    }

    @Test
    void noDsnAboutADsn() throws Exception {
        FakeMail dsn = mail(MaybeSender.of(new MailAddress("alice@a.test")));
        PostinoAttributes.setFlag(dsn, PostinoAttributes.IS_DSN);

        assertThat(sender.send(dsn, DsnRequest.Kind.FAILED, refused(), NOW, Optional.empty(), Map.of())).isEmpty();
        assertThat(context.getSentMails()).isEmpty();
    }

    @Test
    void aWholeMessageAskedBackWhoseBodyIsNotUtf8IsNeverReturnedGarbled() throws Exception {
        // An 8-bit body in ISO-8859-1, as an older mail client sends it ("café" with 0xE9).
        byte[] latin1 = ("From: alice@a.test\r\nTo: bob@b.test\r\nSubject: menu\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: text/plain; charset=iso-8859-1\r\nContent-Transfer-Encoding: 8bit\r\n\r\ncaf\u00e9 cr\u00e8me\r\n")
            .getBytes(StandardCharsets.ISO_8859_1);
        FakeMail mail = FakeMail.builder()
            .name("m1")
            .sender(MaybeSender.of(new MailAddress("alice@a.test")))
            .recipient("bob@b.test")
            .mimeMessage(new javax.mail.internet.MimeMessage(javax.mail.Session.getInstance(new java.util.Properties()),
                new java.io.ByteArrayInputStream(latin1)))
            .build();
        mail.setDsnParameters(DsnParameters.builder().ret(DsnParameters.Ret.FULL).build().orElseThrow());

        sender.send(mail, DsnRequest.Kind.FAILED, refused(), NOW, Optional.empty(), Map.of());

        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        context.getSentMails().get(0).getMsg().writeTo(raw);
        String dsn = raw.toString(StandardCharsets.UTF_8);
        assertThat(dsn).contains("Subject: menu").doesNotContain("\uFFFD");
        // Either the original's own bytes, or (they cannot travel inside a UTF-8 report) its headers only.
        assertThat(dsn).contains("Content-Type: text/rfc822-headers");
    }

    private String sentDsn(FakeMail mail) throws Exception {
        sender.send(mail, DsnRequest.Kind.FAILED, refused(), NOW, Optional.empty(), Map.of());
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        context.getSentMails().get(0).getMsg().writeTo(raw);
        return raw.toString(StandardCharsets.UTF_8);
    }

    private static FakeMail withDsnParameters(String envid, String orcpt) throws Exception {
        FakeMail mail = mail(MaybeSender.of(new MailAddress("alice@a.test")));
        // As James's DSN hooks store them: ENVID and the ORCPT address still xtext-encoded (RFC 3461 §4).
        mail.setDsnParameters(DsnParameters.builder()
            .envId(DsnParameters.EnvId.of(envid))
            .addRcptParameter(new MailAddress("bob@b.test"),
                DsnParameters.RecipientDsnParameters.of(new MailAddress(orcpt)))
            .build().orElseThrow());
        return mail;
    }

    /**
     * ENVID and ORCPT come back as the sender gave them, not xtext-encoded (RFC 3461 §4):
     * {@code QQ+2B314} is "QQ+314". What is not xtext (a bare {@code +}) or would not decode to a
     * one-line printable value (a line break, a space at an end) is reported as received.
     */
    @ParameterizedTest
    @CsvSource({
        "QQ+2B314,                  bob+2Bnews@b.test, QQ+314,                    bob+news@b.test",
        "id+0D+0AX-Injected:+20yes, bob+tag@b.test,    id+0D+0AX-Injected:+20yes, bob+tag@b.test",
        "+20id,                     +20bob@b.test,     +20id,                     +20bob@b.test",
    })
    void theEnvelopeIdAndOriginalRecipientComeBackDecodedWhenThatIsSafe(String envid, String orcpt,
                                                                       String shownEnvid, String shownOrcpt)
        throws Exception {
        String dsn = sentDsn(withDsnParameters(envid, orcpt));

        assertThat(dsn).contains("Original-Envelope-Id: " + shownEnvid + "\r\n")
            .contains("Original-Recipient: rfc822; " + shownOrcpt + "\r\n")
            .doesNotContain("\nX-Injected");
    }

    @Test
    void aDsnQuotingAUtf8ReplyIsAGlobalReportThatDeclaresItsEightBits() throws Exception {
        List<AttemptResult> refused = List.of(AttemptResult.permanent("bob@b.test", EnhancedStatus.parse("5.2.1"),
            Optional.of(SmtpReply.parse("550 5.2.1 Boîte désactivée")), Optional.of("mx.b.test"), NOW));

        sender.send(mail(MaybeSender.of(new MailAddress("alice@a.test"))), DsnRequest.Kind.FAILED, refused, NOW,
            Optional.empty(), Map.of());

        javax.mail.internet.MimeMessage dsn = context.getSentMails().get(0).getMsg();
        // What the delivery engine reads to send BODY=8BITMIME (RFC 6152).
        assertThat(dsn.getEncoding()).isEqualTo("8bit");
        assertThat(new javax.mail.internet.ContentType(dsn.getContentType()).getParameter("report-type"))
            .isEqualTo("global-delivery-status");
        javax.mail.internet.MimeMultipart parts = (javax.mail.internet.MimeMultipart) dsn.getContent();
        assertThat(parts.getBodyPart(1).getContentType()).isEqualTo("message/global-delivery-status");
    }

    private static FakeMail askingForSuccess(MaybeSender from, String notify) throws Exception {
        FakeMail mail = mail(from);
        EnumSet<DsnParameters.Notify> values = EnumSet.noneOf(DsnParameters.Notify.class);
        for (String value : notify.split(",")) {
            values.add(DsnParameters.Notify.valueOf(value));
        }
        mail.setDsnParameters(DsnParameters.builder().ret(DsnParameters.Ret.FULL)
            .addRcptParameter(new MailAddress("bob@b.test"), DsnParameters.RecipientDsnParameters.of(values))
            .build().orElseThrow());
        return mail;
    }

    private static List<AttemptResult> accepted() {
        return List.of(AttemptResult.delivered("bob@b.test", SmtpReply.parse("250 2.0.0 Ok: queued as 4Tq9Xk"),
            "mx.b.test", NOW));
    }

    @Test
    void aRelayedNoticeCarriesTheRemoteAcceptanceAndOnlyTheHeadersWhateverRet() throws Exception {
        FakeMail mail = askingForSuccess(MaybeSender.of(new MailAddress("alice@a.test")), "SUCCESS,FAILURE");
        assertThat(DsnSender.successRequested(mail, "Bob@B.test")).isTrue();

        assertThat(sender.send(mail, DsnRequest.Kind.RELAYED, accepted(), NOW, Optional.empty(), Map.of()))
            .containsExactly("bob@b.test");

        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        context.getSentMails().get(0).getMsg().writeTo(raw);
        assertThat(raw.toString(StandardCharsets.UTF_8)).contains("Action: relayed\r\nStatus: 2.0.0\r\n")
            .contains("Remote-MTA: dns; mx.b.test").contains("Diagnostic-Code: smtp; 250 2.0.0 Ok: queued as 4Tq9Xk")
            .contains("will not report further").contains("Content-Type: text/rfc822-headers")
            .doesNotContain("message/rfc822").doesNotContain("Will-Retry-Until");
    }

    /** RFC 3461 §4.1: no NOTIFY means FAILURE,DELAY; the null sender, spam and DSNs never get one. */
    @ParameterizedTest
    @CsvSource({
        "alice@a.test, FAILURE,       false, false",
        "alice@a.test, FAILURE DELAY, false, false",
        "alice@a.test, NEVER,         false, false",
        "'',           SUCCESS,       false, false",
        "alice@a.test, SUCCESS,       true,  false",
        "alice@a.test, SUCCESS,       false, true",
    })
    void noSuccessNoticeUnlessAskedByARealSenderForRealMail(String from, String notify, boolean spam, boolean isDsn)
        throws Exception {
        FakeMail mail = askingForSuccess(from.isEmpty() ? MaybeSender.nullSender()
            : MaybeSender.of(new MailAddress(from)), notify.replace(' ', ','));
        if (spam) {
            PostinoAttributes.setFlag(mail, PostinoAttributes.JUDGED_SPAM);
        }
        if (isDsn) {
            PostinoAttributes.setFlag(mail, PostinoAttributes.IS_DSN);
        }

        assertThat(sender.send(mail, DsnRequest.Kind.DELIVERED, accepted(), NOW, Optional.empty(), Map.of())).isEmpty();
        assertThat(context.getSentMails()).isEmpty();
    }
}
