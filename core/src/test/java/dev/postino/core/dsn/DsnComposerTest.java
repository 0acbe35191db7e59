package dev.postino.core.dsn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.postino.core.smtp.EnhancedStatus;
import dev.postino.core.smtp.SmtpReply;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class DsnComposerTest {
    private final DsnComposer composer = new DsnComposer();

    private String compose(DsnRequest request) {
        return composer.compose(request, DsnExamples.NOW, DsnExamples.ZONE, DsnExamples.MESSAGE_ID,
            DsnExamples.BOUNDARY);
    }

    static Stream<Arguments> goldenFiles() {
        return Stream.of(
            Arguments.of("failed-unknown-user.eml", (Supplier<DsnRequest>) DsnExamples::failedUnknownUser),
            Arguments.of("delayed.eml", (Supplier<DsnRequest>) DsnExamples::delayed),
            Arguments.of("failed-expired-ret-full.eml", (Supplier<DsnRequest>) DsnExamples::failedExpiredReturnFull),
            Arguments.of("relayed.eml", (Supplier<DsnRequest>) DsnExamples::relayed),
            Arguments.of("delivered.eml", (Supplier<DsnRequest>) DsnExamples::delivered));
    }

    /** The golden files hold wildcards for Date, Message-ID and boundary, so any stamp must match. */
    @ParameterizedTest
    @MethodSource("goldenFiles")
    void matchesItsGoldenFile(String file, Supplier<DsnRequest> request) {
        String golden = GoldenMessage.load("/dsn/" + file);
        String asInExamples = compose(request.get());
        String otherStamp = composer.compose(request.get(), Instant.parse("2031-12-24T23:59:59Z"),
            DsnExamples.ZONE, "other-id.7@x.test", "b_0123456789");
        assertThat(GoldenMessage.differences(golden, asInExamples)).isEmpty();
        assertThat(GoldenMessage.differences(golden, otherStamp)).isEmpty();
    }

    @Test
    void theGoldenMatcherDoesCatchDifferences() {
        String golden = GoldenMessage.load("/dsn/failed-unknown-user.eml");
        String message = compose(DsnExamples.failedUnknownUser());
        assertThat(GoldenMessage.differences(golden, message.replace("Status: 5.1.1", "Status: 5.1.2")))
            .containsExactly("line 45: expected [Status: 5.1.1] but was [Status: 5.1.2]");
        assertThat(GoldenMessage.differences(golden, message.replace("\r\nAction", "\nAction"))).isNotEmpty();
        assertThat(GoldenMessage.lineMatches("Date: {{*}}", "Date: anything at all")).isTrue();
        assertThat(GoldenMessage.lineMatches("--{{*}}--", "--b--")).isTrue();
        assertThat(GoldenMessage.lineMatches("--{{*}}--", "--b")).isFalse();
    }

    /** RFC 3464 §2.3.3/§2.3.4: the Action and the Status class agree; only a delay says until when. */
    @ParameterizedTest
    @CsvSource({
        "RELAYED,   5.1.1, false, a relayed recipient needs a 2.x.x status",
        "DELIVERED, 4.4.1, false, a delivered recipient needs a 2.x.x status",
        "RELAYED,   2.0.0, true,  a relayed DSN has no willRetryUntil",
        "DELIVERED, 2.0.0, true,  a delivered DSN has no willRetryUntil",
        "FAILED,    2.0.0, false, a failed recipient needs a 4.x.x or 5.x.x status",
        "DELAYED,   2.0.0, true,  a delayed recipient needs a 4.x.x status",
    })
    void aSuccessKindTakesOnlySuccessStatusesAndNoRetryDate(DsnRequest.Kind kind, String status, boolean retryUntil,
                                                           String error) {
        DsnRequest.Builder request = DsnRequest.builder(kind).reportingHost("mx.a.test").envelopeSender("alice@a.test")
            .arrival(DsnExamples.ARRIVAL).originalHeaders("Subject: hello\n")
            .recipient(DsnRecipient.of("bob@b.test", EnhancedStatus.parse(status), DsnExamples.ATTEMPT));
        if (retryUntil) {
            request.willRetryUntil(DsnExamples.NOW);
        }
        assertThatThrownBy(request::build).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(error);
    }

    @ParameterizedTest
    @CsvSource({"RELAYED, relayed", "DELIVERED, delivered"})
    void aSuccessDsnSaysItsActionWithStatus200AndNoRetryDate(DsnRequest.Kind kind, String action) {
        DsnRequest request = DsnRequest.builder(kind).reportingHost("mx.a.test").envelopeSender("alice@a.test")
            .arrival(DsnExamples.ARRIVAL).originalHeaders("Subject: hello\n")
            .originalMessage("Subject: hello\n\nthe body\n").ret(DsnRequest.Return.FULL)
            .recipient(DsnRecipient.of("bob@b.test", EnhancedStatus.parse("2.0.0"), DsnExamples.ATTEMPT)).build();
        String message = compose(request);
        assertThat(message).contains("\r\nAction: " + action + "\r\nStatus: 2.0.0\r\n")
            .doesNotContain("Will-Retry-Until").doesNotContain("What you can do")
            .doesNotContain("the body").doesNotContain("message/rfc822")
            .contains("Content-Type: text/rfc822-headers");
    }

    @Test
    void dateMessageIdAndBoundaryAreThoseGiven() {
        String message = compose(DsnExamples.failedUnknownUser());
        assertThat(message).startsWith("From: Mail Delivery System <MAILER-DAEMON@mx.a.test>\r\n")
            .contains("\r\nDate: Fri, 1 Mar 2024 11:00:06 +0100\r\n")
            .contains("\r\nMessage-ID: <dsn.20240301100006.1@mx.a.test>\r\n");
        Matcher m = Pattern.compile("boundary=\"([^\"]+)\"").matcher(message);
        assertThat(m.find()).isTrue();
        String boundary = m.group(1);
        assertThat(boundary).isEqualTo(DsnExamples.BOUNDARY);
        List<String> delimiters = Arrays.stream(message.split("\r\n")).filter(l -> l.startsWith("--"))
            .filter(l -> !l.equals("-- ")).collect(Collectors.toList());
        assertThat(delimiters).containsExactly("--" + boundary, "--" + boundary, "--" + boundary, "--" + boundary + "--");
    }

    @Test
    void headerLinesAreFoldedTo78Columns() {
        DsnRequest request = DsnRequest.builder(DsnRequest.Kind.FAILED)
            .reportingHost("mx-out-07.mail-cluster.example-provider.test")
            .envelopeSender("a.very.long.local.part.for.testing.folding@subdomain.example-sender-domain.test")
            .arrival(DsnExamples.ARRIVAL)
            .recipient(DsnRecipient.of("bob@b.test", EnhancedStatus.parse("5.7.1"), DsnExamples.ATTEMPT)
                .withReply(SmtpReply.parse("554 5.7.1 Service unavailable; Client host [192.0.2.7] blocked using"
                    + " zen.spamhaus.example; https://www.spamhaus.example/query/ip/192.0.2.7")))
            .originalHeaders("Subject: hi\n")
            .build();
        String message = composer.compose(request, DsnExamples.NOW, ZoneOffset.UTC, "x@y", "b");
        String deliveryStatus = message.substring(message.indexOf("Reporting-MTA"), message.indexOf("\r\n--b\r\n",
            message.indexOf("Reporting-MTA")));
        String topHeaders = message.substring(0, message.indexOf("\r\n\r\n"));
        for (String line : (topHeaders + "\r\n" + deliveryStatus).split("\r\n")) {
            if (!line.startsWith("To: ")) {
                assertThat(line.length()).as(line).isLessThanOrEqualTo(78);
            }
        }
        assertThat(topHeaders).contains("From: Mail Delivery System\r\n"
            + " <MAILER-DAEMON@mx-out-07.mail-cluster.example-provider.test>\r\n");
        assertThat(deliveryStatus).contains("Diagnostic-Code: smtp; 554 5.7.1 Service unavailable; Client host"
            + " [192.0.2.7]\r\n blocked using zen.spamhaus.example;\r\n https://www.spamhaus.example/query/ip/192.0.2.7");
        // Unfolding (RFC 5322 §2.2.3) gives the remote's reply back verbatim.
        assertThat(deliveryStatus.replace("\r\n ", " ")).contains("Diagnostic-Code: smtp; "
            + "554 5.7.1 Service unavailable; Client host [192.0.2.7] blocked using zen.spamhaus.example;"
            + " https://www.spamhaus.example/query/ip/192.0.2.7\r\n");
        // A word longer than a line cannot be folded and stays whole.
        assertThat(message).contains("\r\nTo: a.very.long.local.part.for.testing.folding@subdomain.example-sender-domain.test\r\n");
    }

    @Test
    void retFullOverTheLimitReturnsHeadersAndSaysWhy() {
        String message = new DsnComposer(100).compose(DsnExamples.failedExpiredReturnFull(), DsnExamples.NOW,
            DsnExamples.ZONE, DsnExamples.MESSAGE_ID, DsnExamples.BOUNDARY);
        assertThat(message).contains("Content-Type: text/rfc822-headers").doesNotContain("message/rfc822")
            .doesNotContain("shall we meet");
        assertThat(message.replace("\r\n", " ")).contains("You asked for the whole message back, but at 457 bytes"
            + " it is over the 100 bytes limit for returned messages, so only its headers are attached below.");
    }

    @Test
    void retFullIsHonouredOnlyForFailures() {
        // RFC 3461 §4.3: a delay notice returns headers only.
        assertThat(compose(DsnExamples.delayed())).contains("Content-Type: text/rfc822-headers")
            .doesNotContain("shall we meet");
    }

    @Test
    void retHdrsReturnsHeadersEvenWhenTheBodyIsAvailable() {
        assertThat(compose(DsnExamples.failedUnknownUser())).contains("Content-Type: text/rfc822-headers")
            .doesNotContain("shall we meet");
    }

    /**
     * The text part is UTF-8 8bit. RFC 3464: message/delivery-status MUST be 7bit; a UTF-8 reply in
     * its Diagnostic-Code makes it RFC 6533 message/global-delivery-status (and the report-type
     * says so, RFC 6522 §3), and an 8-bit part makes the whole message 8bit (RFC 2045 §6.4), so it
     * is relayed with BODY=8BITMIME (RFC 6152).
     */
    @Test
    void aRemoteReplyInUtf8MakesAGlobalDeliveryStatusInAMessageDeclared8bit() {
        DsnRequest request = DsnRequest.builder(DsnRequest.Kind.FAILED)
            .reportingHost("mx.a.test").envelopeSender("alice@a.test").arrival(DsnExamples.ARRIVAL)
            .recipient(DsnRecipient.of("bob@b.test", EnhancedStatus.parse("5.2.1"), DsnExamples.ATTEMPT)
                .withReply(SmtpReply.parse("550 5.2.1 Boîte désactivée")))
            .originalHeaders("Subject: =?utf-8?q?caf=C3=A9?=\n").build();
        String message = compose(request);
        String top = message.substring(0, message.indexOf("\r\n\r\n") + 2);

        assertThat(message).contains("Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n")
            .contains("Content-Type: message/global-delivery-status\r\nContent-Transfer-Encoding: 8bit\r\n")
            .contains("Diagnostic-Code: smtp; 550 5.2.1 Boîte désactivée\r\n")
            .doesNotContain("message/delivery-status");
        assertThat(top).contains("\r\nContent-Type: multipart/report; report-type=global-delivery-status;")
            .contains("\r\nContent-Transfer-Encoding: 8bit\r\n");
    }

    @Test
    void aUtf8FinalRecipientIsOfTheUtf8AddressType() {
        DsnRecipient bjorn = DsnRecipient.of("bjørn@b.test", EnhancedStatus.parse("5.1.1"), DsnExamples.ATTEMPT);

        assertThat(compose(DsnExamples.failedFor(bjorn))).contains("Final-Recipient: utf-8; bjørn@b.test\r\n")
            .contains("Content-Type: message/global-delivery-status\r\n");
    }

    @Test
    void anAsciiReportStaysADeliveryStatusIn7bit() {
        String message = compose(DsnExamples.failedUnknownUser());

        assertThat(message).contains("report-type=delivery-status;").contains("Content-Type: message/delivery-status\r\n")
            .doesNotContain("Content-Transfer-Encoding").doesNotContain("global");
    }

    @Test
    void controlCharactersInARemoteReplyCannotBreakTheMessage() {
        DsnRequest request = DsnRequest.builder(DsnRequest.Kind.FAILED)
            .reportingHost("mx.a.test").envelopeSender("alice@a.test").arrival(DsnExamples.ARRIVAL)
            .recipient(DsnRecipient.of("bob@b.test", EnhancedStatus.parse("5.0.0"), DsnExamples.ATTEMPT)
                .withReply(SmtpReply.of(550, "no\u0000\tway\u001b")))
            .originalHeaders("").build();
        assertThat(compose(request)).contains("Diagnostic-Code: smtp; 550 no  way \r\n");
    }

    @Test
    void fromCanBeConfigured() {
        DsnRequest request = DsnRequest.builder(DsnRequest.Kind.FAILED)
            .reportingHost("mx.a.test").from("Postmaster <postmaster@a.test>").envelopeSender("alice@a.test")
            .arrival(DsnExamples.ARRIVAL)
            .recipient(DsnRecipient.of("bob@b.test", EnhancedStatus.parse("5.1.1"), DsnExamples.ATTEMPT))
            .originalHeaders("Subject: x\n").build();
        assertThat(compose(request)).startsWith("From: Postmaster <postmaster@a.test>\r\n");
    }

    @Test
    void aBoundaryFoundInTheContentIsRefused() {
        DsnRequest request = DsnRequest.builder(DsnRequest.Kind.FAILED)
            .reportingHost("mx.a.test").envelopeSender("alice@a.test").arrival(DsnExamples.ARRIVAL)
            .recipient(DsnRecipient.of("bob@b.test", EnhancedStatus.parse("5.1.1"), DsnExamples.ATTEMPT))
            .originalHeaders("Content-Type: multipart/mixed; boundary=\"x\"\n\n--abc\n").build();
        assertThatThrownBy(() -> composer.compose(request, DsnExamples.NOW, ZoneOffset.UTC, "a@b", "abc"))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("boundary 'abc' occurs");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "<id@x.test> | b     | Message-ID",
        "no-at-sign  | b     | Message-ID",
        "id@x.test   | ''    | boundary",
        "id@x.test   | a b   | boundary",
        "id@x.test   | a\"b  | boundary",
        "id@x.test   | 12345678901234567890123456789012345678901234567890123456789012345678901 | boundary",
    })
    void badStampsAreRefused(String messageId, String boundary, String message) {
        assertThatThrownBy(() -> composer.compose(DsnExamples.failedUnknownUser(), DsnExamples.NOW, ZoneId.of("UTC"),
            messageId, boundary)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }

    @Test
    void requestsAreChecked() {
        DsnRecipient temporary = DsnRecipient.of("bob@b.test", EnhancedStatus.parse("4.4.1"), DsnExamples.ATTEMPT);
        DsnRecipient permanent = DsnRecipient.of("bob@b.test", EnhancedStatus.parse("5.1.1"), DsnExamples.ATTEMPT);
        assertThatThrownBy(() -> base(DsnRequest.Kind.DELAYED).recipient(temporary).build())
            .hasMessageContaining("willRetryUntil");
        assertThatThrownBy(() -> base(DsnRequest.Kind.DELAYED).recipient(permanent)
            .willRetryUntil(DsnExamples.NOW).build()).hasMessageContaining("needs a 4.x.x status");
        assertThatThrownBy(() -> base(DsnRequest.Kind.FAILED).recipient(permanent)
            .willRetryUntil(DsnExamples.NOW).build()).hasMessageContaining("no willRetryUntil");
        assertThatThrownBy(() -> base(DsnRequest.Kind.FAILED).build()).hasMessageContaining("at least one recipient");
        assertThatThrownBy(() -> DsnRequest.builder(DsnRequest.Kind.FAILED).envelopeSender("<>"))
            .hasMessageContaining("null sender");
        assertThatThrownBy(() -> DsnRequest.builder(DsnRequest.Kind.FAILED).envelopeSender("a@b\r\nBcc: eve@e"))
            .hasMessageContaining("one line");
        assertThatThrownBy(() -> base(DsnRequest.Kind.FAILED).recipient(
            DsnRecipient.of("bob@b.test", EnhancedStatus.parse("2.0.0"), DsnExamples.NOW)).build())
            .hasMessageContaining("4.x.x or 5.x.x");
        assertThatThrownBy(() -> permanent.withOriginalRecipient("bob@b.test"))
            .hasMessageContaining("addr-type;address");
        assertThatThrownBy(() -> DsnRequest.builder(DsnRequest.Kind.FAILED).reportingHost("mx").arrival(DsnExamples.NOW)
            .recipient(permanent).originalHeaders("").build()).hasMessageContaining("envelopeSender");
    }

    private static DsnRequest.Builder base(DsnRequest.Kind kind) {
        return DsnRequest.builder(kind).reportingHost("mx.a.test").envelopeSender("alice@a.test")
            .arrival(DsnExamples.ARRIVAL).originalHeaders("Subject: x\n");
    }

    @Test
    void ourOwnDetailGoesToTheHumanPartNeverToDiagnosticCode() {
        DsnRequest request = DsnRequest.builder(DsnRequest.Kind.FAILED)
            .reportingHost("a.test")
            .envelopeSender("alice@a.test")
            .arrival(DsnExamples.ARRIVAL)
            .recipient(DsnRecipient.of("bob@b.test", EnhancedStatus.parse("5.3.4"), DsnExamples.ATTEMPT)
                .withDetail("message of 2 MB is over the 1 MB that mx.b.test accepts")
                .withRemoteMta("mx.b.test"))
            .originalHeaders("Subject: big\n")
            .build();

        String message = compose(request);

        assertThat(message.replace("\r\n    ", " ")).contains("Details: message of 2 MB is over the 1 MB that mx.b.test accepts");
        assertThat(message).doesNotContain("Diagnostic-Code").contains("Status: 5.3.4");
    }
}
