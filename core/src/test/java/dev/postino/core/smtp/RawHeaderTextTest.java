package dev.postino.core.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RawHeaderTextTest {
    private static String asLatin1Chars(String text, Charset sent) {
        return new String(text.getBytes(sent), StandardCharsets.ISO_8859_1);
    }

    @ParameterizedTest(name = "{0} sent as {1} reads {0}")
    @CsvSource({
        "Grüße, UTF-8",
        "Jörg Müller, UTF-8",
        "€ 5 für Zoë, UTF-8",
        "Grüße, windows-1252",
        "€ 5 für Zoë, windows-1252",
        "“quoted” – dash, windows-1252",
        "plain ascii, US-ASCII",
    })
    void octetsAreReadAsUtf8WhenValidElseWindows1252(String text, String charset) {
        assertThat(RawHeaderText.decode(asLatin1Chars(text, Charset.forName(charset)))).isEqualTo(text);
    }

    @ParameterizedTest
    @CsvSource({"Grüße, false", "plain, true", "'', true"})
    void asciiIsSevenBit(String text, boolean ascii) {
        assertThat(RawHeaderText.isAscii(text)).isEqualTo(ascii);
    }

    @ParameterizedTest
    @CsvSource({"Grüße ✓", "日本語"})
    void textAlreadyDecodedIsKept(String text) {
        assertThat(RawHeaderText.decode(text)).isEqualTo(text);
    }
}
