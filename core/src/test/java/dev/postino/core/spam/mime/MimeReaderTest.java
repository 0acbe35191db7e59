package dev.postino.core.spam.mime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.postino.core.spam.TestMail;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MimeReaderTest {

    @Test
    void readsNestedMultipartWithQuotedPrintableBase64AndCharsets() {
        MimeMessage m = TestMail.parseFixture("multipart-newsletter.eml");

        assertThat(m.plainText()).contains("Crème brûlée for everyone").contains("soft-broken here.");
        assertThat(m.htmlText()).contains("Crème & crêpe").contains("See the offer").doesNotContain("hidden");
        assertThat(m.isHtmlOnly()).isFalse();
        assertThat(m.links()).extracting(Link::href).containsExactly("http://www.shop.test/offer?id=1");
        assertThat(m.links()).extracting(Link::text).containsExactly("See the offer");
        assertThat(m.parts()).extracting(MimePart::mediaType)
            .containsExactly("text/plain", "text/html", "application/pdf");
        assertThat(m.parts().get(2).fileName()).hasValue("menu.pdf");
        assertThat(m.isTruncated()).isFalse();
    }

    @Test
    void decodesEncodedWordsInSubjectAndFrom() {
        MimeMessage m = TestMail.parseFixture("multipart-newsletter.eml");

        // RFC 2047 §6.2: the folding whitespace between adjacent encoded words disappears.
        assertThat(m.subject()).isEqualTo("Hello Wörld and more");
        assertThat(m.from()).isEqualTo("Café Club <news@shop.test>");
    }

    @Test
    void unfoldsHeaders() {
        MimeMessage m = TestMail.parse("Subject: one", "\ttwo", "  three", "", "body");

        assertThat(m.headers().first("subject")).hasValue("one \ttwo   three");
    }

    @Test
    void unknownCharsetFallsBackToLatin1AndKeepsGoing() {
        MimeMessage m = TestMail.parse(
            "Content-Type: text/plain; charset=x-no-such-charset",
            "",
            "plain words survive");

        assertThat(m.plainText()).isEqualTo("plain words survive");
    }

    @Test
    void decodesUtf8Base64Body() {
        String body = java.util.Base64.getMimeEncoder().encodeToString("Grüße aus Köln".getBytes(StandardCharsets.UTF_8));
        MimeMessage m = TestMail.parse(
            "Content-Type: text/plain; charset=\"UTF-8\"",
            "Content-Transfer-Encoding: base64",
            "",
            body);

        assertThat(m.plainText()).isEqualTo("Grüße aus Köln");
    }

    @Test
    void htmlOnlyMessageIsReadAsTextWithLinks() {
        MimeMessage m = TestMail.parseFixture("phishing-html-only.eml");

        assertThat(m.isHtmlOnly()).isTrue();
        assertThat(m.htmlText()).contains("Dear customer").doesNotContain("<a");
        assertThat(m.links()).hasSize(1);
        assertThat(m.links().get(0).targetHost()).hasValue("198.51.100.7");
        assertThat(m.links().get(0).shownHost()).hasValue("www.bank.test");
    }

    @Test
    void readsAttachedMessageBodies() {
        MimeMessage m = TestMail.parse(
            "Content-Type: message/rfc822",
            "",
            "Subject: inner",
            "Content-Type: text/plain",
            "",
            "forwarded words");

        assertThat(m.plainText()).isEqualTo("forwarded words");
    }

    @Test
    void missingCloseDelimiterStillReadsTheLastPart() {
        MimeMessage m = TestMail.parse(
            "Content-Type: multipart/mixed; boundary=b",
            "",
            "--b",
            "Content-Type: text/plain",
            "",
            "cut short");

        assertThat(m.plainText()).isEqualTo("cut short");
        assertThat(m.isTruncated()).isTrue();
    }

    @Test
    void multipartWithoutDelimitersIsReadAsText() {
        MimeMessage m = TestMail.parse("Content-Type: multipart/mixed; boundary=nowhere", "", "just text");

        assertThat(m.plainText()).isEqualTo("just text");
    }

    @Test
    void capsTheBytesExamined() {
        StringBuilder big = new StringBuilder("Subject: big\r\n\r\n");
        for (int i = 0; i < 10_000; i++) {
            big.append("word").append(i).append(' ');
        }
        MimeMessage m = new MimeReader(4096, 1000).read(big.toString().getBytes(StandardCharsets.US_ASCII));

        assertThat(m.isTruncated()).isTrue();
        assertThat(m.text().length()).isLessThanOrEqualTo(1000);
        assertThat(m.subject()).isEqualTo("big");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "\r\n\r\n",
        "no colon header line at all",
        "Content-Type: multipart/mixed; boundary=\"\r\n\r\n--\r\n--\r\n",
        "Content-Type: multipart/alternative; boundary=x\r\n\r\n--x\r\n--x\r\n--x--\r\n--x",
        "Content-Type: text/html\r\n\r\n<a href=\"<a href=<<<>>>&#99999999999;&#x;&amp",
        "Content-Type: text/plain\r\nContent-Transfer-Encoding: base64\r\n\r\n====!!!!@@@",
        "Content-Type: text/plain\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n=\r\n=Z=",
        "Subject: =?utf-8?B?=?= =?x?Q?=ZZ?= =?utf-8?X?abc?= =?",
        "Content-Type: ;;;===\"\"\"; charset=\"\r\n\r\nbody",
    })
    void malformedInputNeverThrows(String raw) {
        assertThatCode(() -> new MimeReader().read(raw.getBytes(StandardCharsets.ISO_8859_1))).doesNotThrowAnyException();
    }

    @Test
    void randomBytesNeverThrow() {
        Random random = new Random(42);
        MimeReader reader = new MimeReader();
        byte[] template = TestMail.fixture("multipart-newsletter.eml");
        for (int i = 0; i < 500; i++) {
            byte[] mutated = template.clone();
            for (int j = 0; j < 20; j++) {
                mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(256);
            }
            assertThatCode(() -> reader.read(mutated)).doesNotThrowAnyException();
        }
    }

    @Test
    void deepNestingStopsAtTheLimit() {
        StringBuilder raw = new StringBuilder();
        for (int i = 0; i < 50; i++) {
            raw.append("Content-Type: multipart/mixed; boundary=b").append(i).append("\r\n\r\n--b").append(i).append("\r\n");
        }
        raw.append("Content-Type: text/plain\r\n\r\ndeep");

        MimeMessage m = new MimeReader().read(raw.toString().getBytes(StandardCharsets.US_ASCII));

        assertThat(m.isTruncated()).isTrue();
        assertThat(m.plainText()).doesNotContain("deep");
    }
}
