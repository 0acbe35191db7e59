package dev.postino.core.spam.mime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MessageSyntaxTest {

    private static byte[] bytes(String text) {
        return text.replace("\\r", "\r").replace("\\n", "\n").getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "Subject: hi\\r\\n\\r\\nbody",
        "From: a@b.test\\nTo: c@d.test\\n\\nhello",
        "Subject: only a header section",
        "Subject: folded\\r\\n  onto two lines\\r\\nX-Mailer_Old.1: x\\r\\n\\r\\nbody: not a header",
        "Subject : obsolete space before the colon\\n\\nbody",
        "Subject: ünïcödé (RFC 6532)\\n\\nbody",
    })
    void aMessageWithAFewHeadersIsOne(String message) {
        assertThat(MessageSyntax.problem(bytes(message))).isEmpty();
    }

    /**
     * RFC 5322 §3.6.8: a field name is any printable US-ASCII but the colon. Real mail has such names
     * ({@code X-It'S: all good} from one mailer, a {@code >Received:} an mbox tool escaped: six ham
     * messages of the SpamAssassin corpus), and they are no reason to refuse the message.
     */
    @Test
    void afterTheFirstLineAFieldNameIsAnyPrintableAsciiButTheColon() {
        byte[] message = bytes("Subject: x\\r\\nX-It'S: all good\\r\\n>Received: by a.test\\r\\n"
            + "X-A+B/C=D?!#$%&*^~|{}[]\"`': any ftext\\r\\n\\r\\nbody");

        assertThat(MessageSyntax.problem(message)).isEmpty();
    }

    @Test
    void aLineWithoutANameOrAColonOrWithAnotherCharacterInItsNameIsNoField() {
        assertThat(MessageSyntax.problem(bytes("Subject: x\\n: no name\\n\\nbody"))).hasValueSatisfying(text ->
            assertThat(text).startsWith("line 2 is neither a header field"));
        assertThat(MessageSyntax.problem(bytes("Subject: x\\nX-Not a-name: y\\n\\nbody"))).hasValueSatisfying(text ->
            assertThat(text).startsWith("line 2 is neither a header field"));
        assertThat(MessageSyntax.problem(bytes("Subject: x\\nX-Caf\u00e9: y\\n\\nbody"))).hasValueSatisfying(text ->
            assertThat(text).startsWith("line 2 is neither a header field"));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "``                                          | the message is empty",
        "just some plain text\\nover two lines         | the first line is not a header field",
        "`{\"as\": \"spam\", \"text\": \"pills\"}`       | the first line is not a header field",
        "`{\\n  \"subject\": \"x\"\\n}`                  | the first line is not a header field",
        "\\r\\nSubject: after an empty line           | the message starts with an empty line",
        "From bob@a.test Mon Jan 1 00:00:00 2024\\nSubject: x\\n\\nbody | the first line is an mbox 'From ' separator",
        "Subject: x\\nthis line is text\\n\\nbody       | line 2 is neither a header field",
        ":no name\\n\\nbody                           | the first line is not a header field",
    })
    void whatIsNotAMessageSaysWhy(String message, String why) {
        assertThat(MessageSyntax.problem(bytes(message))).hasValueSatisfying(text -> assertThat(text).startsWith(why));
    }

    @Test
    void binaryGarbageIsNotAMessage() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
        assertThat(MessageSyntax.problem(png)).hasValueSatisfying(text ->
            assertThat(text).startsWith("the first line is not a header field"));
        byte[] nul = {'S', 'u', 'b', 'j', 'e', 'c', 't', ':', ' ', 'x', 0, 'y', '\n', '\n', 'b'};
        assertThat(MessageSyntax.problem(nul)).hasValueSatisfying(text ->
            assertThat(text).startsWith("line 1 of the header section holds a NUL byte"));
    }
}
