package dev.postino.core.dsn;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MessageTextTest {

    @ParameterizedTest
    @CsvSource({
        "0,             0 bytes",
        "1,             1 byte",
        "999,           999 bytes",
        "1000,          1.0 kB",
        "48213,         48.2 kB",
        "999960,        1.0 MB",
        "1000000,       1.0 MB",
        "1536000,       1.5 MB",
        "25000000000,   25.0 GB",
    })
    void humanSizes(long bytes, String text) {
        assertThat(MessageText.humanSize(bytes)).isEqualTo(text);
    }

    @ParameterizedTest
    @CsvSource({
        "2024-03-01T10:00:06Z, UTC,              'Fri, 1 Mar 2024 10:00:06 +0000'",
        "2024-03-01T10:00:06Z, Europe/Paris,     'Fri, 1 Mar 2024 11:00:06 +0100'",
        "2024-07-14T23:30:00Z, America/New_York, 'Sun, 14 Jul 2024 19:30:00 -0400'",
        "2024-12-31T23:59:59Z, Asia/Kolkata,     'Wed, 1 Jan 2025 05:29:59 +0530'",
    })
    void rfc5322Dates(String instant, String zone, String text) {
        assertThat(MessageText.date(Instant.parse(instant), ZoneId.of(zone))).isEqualTo(text);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // name   | value                                                      | folded, \n for CRLF
        "Subject  | short                                                      | Subject: short\\n",
        "X-Long   | aaaaaaaaaa bbbbbbbbbb cccccccccc dddddddddd eeeeeeeeee ffffffffff gggggggggg hhhhhhhhhh | X-Long: aaaaaaaaaa bbbbbbbbbb cccccccccc dddddddddd eeeeeeeeee ffffffffff\\n gggggggggg hhhhhhhhhh\\n",
        "X-Word   | xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx tail | X-Word: xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\\n tail\\n",
        "X-Word   | xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx  | X-Word: xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\\n",
    })
    void foldsAtWhitespaceBefore78Columns(String name, String value, String folded) {
        assertThat(MessageText.header(name, value)).isEqualTo(folded.replace("\\n", "\r\n"));
    }

    /**
     * RFC 5322 §3.2.2: a folded field has no line of whitespace only (many parsers read it as the
     * blank line that ends the fields). A remote reply padded with spaces must not produce one.
     */
    @ParameterizedTest
    @CsvSource({"see https://b.test/why", "''"})
    void aRunOfSpacesIsNeverFoldedIntoALineOfWhitespaceOnly(String after) {
        String value = "smtp; 550 5.7.1 blocked" + " ".repeat(200) + after;
        String folded = MessageText.header("Diagnostic-Code", value);

        assertThat(folded.split("\r\n")).allSatisfy(line -> assertThat(line.trim()).isNotEmpty());
        assertThat(folded.replace("\r\n", "")).isEqualTo("Diagnostic-Code: " + value);
    }

    @ParameterizedTest
    @CsvSource({
        "'a\nb',     'a\r\nb\r\n'",
        "'a\r\nb\r', 'a\r\nb\r\n'",
        "'a\rb\n',   'a\r\nb\r\n'",
    })
    void lineEndingsBecomeCrlf(String text, String expected) {
        assertThat(MessageText.crlf(text)).isEqualTo(expected);
    }
}
