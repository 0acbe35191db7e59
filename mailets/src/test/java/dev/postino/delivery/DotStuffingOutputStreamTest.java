package dev.postino.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DotStuffingOutputStreamTest {

    /** Escapes: \r and \n as in Java, so the table stays readable. */
    @ParameterizedTest(name = "[{0}] -> [{1}]")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "''                        | '.\\r\\n'",
        "'a\\r\\n'                 | 'a\\r\\n.\\r\\n'",
        "'.a\\r\\n'                | '..a\\r\\n.\\r\\n'",
        "'a\\r\\n.\\r\\n..b\\r\\n' | 'a\\r\\n..\\r\\n...b\\r\\n.\\r\\n'",
        "'a.b\\r\\n'               | 'a.b\\r\\n.\\r\\n'",
        "'no end'                  | 'no end\\r\\n.\\r\\n'",
        "'cr end\\r'               | 'cr end\\r\\n.\\r\\n'",
        "'bare\\nlf\\n.x'          | 'bare\\r\\nlf\\r\\n..x\\r\\n.\\r\\n'",
        "'lone\\rcr\\r\\n'         | 'lone\\rcr\\r\\n.\\r\\n'",
    })
    void stuffsDotsFixesLineEndsAndTerminates(String content, String expected) throws IOException {
        assertThat(stuffed(unescape(content), 64)).isEqualTo(unescape(expected));
        assertThat(stuffed(unescape(content), 1)).isEqualTo(unescape(expected));
    }

    @ParameterizedTest(name = "chunks of {0}")
    @org.junit.jupiter.params.provider.ValueSource(ints = {1, 7, 64, 5000})
    void breaksLinesLongerThan998OctetsWithCrLfSpace(int chunk) throws IOException {
        String exact = "x".repeat(998);
        String longer = "y".repeat(2100);
        String dotted = "." + "z".repeat(997); // 998 with its dot, 999 on the wire once stuffed
        String wire = stuffed(exact + "\r\n" + longer + "\n" + dotted + "\r\n", chunk);

        assertThat(wire).isEqualTo(exact + "\r\n"
            + "y".repeat(998) + "\r\n " + "y".repeat(997) + "\r\n " + "y".repeat(105) + "\r\n"
            + "." + "." + "z".repeat(996) + "\r\n " + "z\r\n"
            + ".\r\n");
        assertThat(wire.split("\r\n")).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(998));
    }

    /** Writes in chunks of {@code chunk} bytes, so stuffing across write boundaries is covered. */
    private static String stuffed(String content, int chunk) throws IOException {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        DotStuffingOutputStream out = new DotStuffingOutputStream(wire);
        byte[] bytes = content.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < bytes.length; i += chunk) {
            out.write(bytes, i, Math.min(chunk, bytes.length - i));
        }
        out.finish();
        return wire.toString(StandardCharsets.US_ASCII);
    }

    private static String unescape(String text) {
        return text.replace("\\r", "\r").replace("\\n", "\n");
    }
}
