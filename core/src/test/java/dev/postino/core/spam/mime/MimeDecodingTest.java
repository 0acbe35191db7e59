package dev.postino.core.spam.mime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MimeDecodingTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "=?ISO-8859-1?Q?Caf=E9_au_lait?=              | Café au lait",
        "=?utf-8?b?w6k=?=                              | é",
        "=?UTF-8?B?SGVs?= =?UTF-8?B?bG8=?=             | Hello",
        "plain =?us-ascii?Q?x?= text                   | plain x text",
        "=?unknown-cs?Q?abc?=                          | abc",
        "=?utf-8*en?Q?lang?=                           | lang",
        "=?utf-8?Z?bad?= stays                         | =?utf-8?Z?bad?= stays",
        "half =?utf-8?Q?open                           | half =?utf-8?Q?open",
        "=?bad =?utf-8?Q?ok?=                          | =?bad ok",
        "=??Q?empty-charset?= =?utf-8?Q?ok?=           | =??Q?empty-charset?= ok",
    })
    void encodedWords(String input, String expected) {
        assertThat(EncodedWords.decode(input)).isEqualTo(expected);
    }

    @Test
    void aHeaderOfOpeningsThatNeverCloseIsReadInLinearTime() {
        // A folded Subject may be as long as the 512 KiB the reader examines. Each "=?a" opens a
        // word and only the very end closes one: looking for the close from every opening took
        // about 20 s for this header (quadratic); read once it takes milliseconds.
        String hostile = "=?a".repeat(170_000) + "?=";
        String decoded = assertTimeoutPreemptively(Duration.ofSeconds(3), () -> EncodedWords.decode(hostile));
        assertThat(decoded).isEqualTo(hostile);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "Caf=E9                   | Café",
        "soft=\\nbreak            | softbreak",
        "soft=  \\r\\nbreak       | softbreak",
        "bad =ZZ escape           | bad =ZZ escape",
        "trailing=                | trailing",
    })
    void quotedPrintable(String input, String expected) {
        byte[] decoded = TransferDecoding.decode("Quoted-Printable", input.replace("\\r", "\r").replace("\\n", "\n").getBytes(StandardCharsets.ISO_8859_1));
        assertThat(new String(decoded, StandardCharsets.ISO_8859_1)).isEqualTo(expected);
    }

    @Test
    void base64IgnoresJunkAndStopsAtPadding() {
        byte[] decoded = TransferDecoding.decode("base64", "SGVs\r\nbG8*gd29y\nbGQ=IGlnbm9yZWQ".getBytes(StandardCharsets.US_ASCII));
        assertThat(new String(decoded, StandardCharsets.US_ASCII)).isEqualTo("Hello world");
    }

    @Test
    void unknownEncodingPassesThrough() {
        byte[] body = "as is".getBytes(StandardCharsets.US_ASCII);
        assertThat(TransferDecoding.decode("x-uuencode", body)).isEqualTo(body);
        assertThat(TransferDecoding.decode(null, body)).isEqualTo(body);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "utf-8            | UTF-8",
        "\"3Dwindows-1252\" | ISO-8859-1",
        "3Dwindows-1252   | windows-1252",
        "us-ascii         | ISO-8859-1",
        "default_charset  | ISO-8859-1",
        "iso-8859-15      | ISO-8859-15",
    })
    void charsetLookup(String name, String expected) {
        assertThat(CharsetLookup.forName(name).name()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "text/plain; charset=\"UTF-8\"            | text/plain      | charset  | UTF-8",
        "Multipart/Mixed; boundary=\"a;b=c\"      | multipart/mixed | boundary | a;b=c",
        "text/html;charset=iso-8859-1 (comment)  | text/html       | charset  | iso-8859-1",
        "garbage                                 | text/plain      | charset  | ",
    })
    void contentType(String header, String type, String parameter, String value) {
        ContentType ct = ContentType.parse(header);
        assertThat(ct.mediaType()).isEqualTo(type);
        assertThat(ct.parameter(parameter).orElse(null)).isEqualTo(value);
    }
}
