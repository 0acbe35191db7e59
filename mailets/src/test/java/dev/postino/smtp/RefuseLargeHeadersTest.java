package dev.postino.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class RefuseLargeHeadersTest {
    private static String excess(String message) throws IOException {
        return RefuseLargeHeaders.excess(new ByteArrayInputStream(message.getBytes(StandardCharsets.ISO_8859_1)));
    }

    private static String fields(int count) {
        StringBuilder header = new StringBuilder();
        for (int i = 0; i < count; i++) {
            header.append("X-Field-").append(i).append(": value\r\n");
        }
        return header.toString();
    }

    @Test
    void aThousandFieldsPass() throws IOException {
        assertThat(excess(fields(1000) + "\r\nbody\r\n")).isNull();
    }

    @Test
    void theThousandAndFirstFieldIsTooMany() throws IOException {
        assertThat(excess(fields(1001) + "\r\nbody\r\n")).isEqualTo("more than 1000 fields");
    }

    @Test
    void continuationLinesAreNotFields() throws IOException {
        String folded = "Subject: one\r\n" + " more\r\n".repeat(5000) + "\tand more\r\n";
        assertThat(excess(folded + "\r\nbody\r\n")).isNull();
    }

    @Test
    void theBodyIsNotCounted() throws IOException {
        assertThat(excess("Subject: s\r\n\r\n" + fields(5000))).isNull();
    }

    @Test
    void aFoldedFieldOfMoreThanOneMebibyteIsTooLarge() throws IOException {
        String huge = "Subject: x\r\n" + (" " + "y".repeat(998) + "\r\n").repeat(1100);
        assertThat(excess(huge + "\r\nbody\r\n")).isEqualTo("more than 1048576 octets");
    }

    @Test
    void aMessageWithoutBodyIsMeasuredToItsEnd() throws IOException {
        assertThat(excess(fields(10))).isNull();
        assertThat(excess(fields(1001))).isEqualTo("more than 1000 fields");
    }
}
