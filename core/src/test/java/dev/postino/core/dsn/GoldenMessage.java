package dev.postino.core.dsn;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Compares a composed message with a golden file line by line. The golden file is stored with LF
 * line endings; the message must use CRLF only. In a golden line, {@code {{*}}} matches any text
 * within that line (used for Date, Message-ID and the MIME boundary); everything else must match
 * exactly.
 */
final class GoldenMessage {
    static final String WILDCARD = "{{*}}";

    private GoldenMessage() {
    }

    static String load(String resource) {
        try (InputStream in = GoldenMessage.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no golden file " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every difference, as {@code line N: expected … but was …}; empty when the message matches. */
    static List<String> differences(String golden, String message) {
        List<String> problems = new ArrayList<>();
        String withoutCrlf = message.replace("\r\n", "");
        if (withoutCrlf.indexOf('\r') >= 0 || withoutCrlf.indexOf('\n') >= 0) {
            problems.add("the message has a bare CR or LF; only CRLF line endings are allowed");
        }
        String[] expected = golden.split("\n", -1);
        String[] actual = message.split("\r\n", -1);
        for (int i = 0; i < Math.max(expected.length, actual.length); i++) {
            String e = i < expected.length ? expected[i] : "<end of golden file>";
            String a = i < actual.length ? actual[i] : "<end of message>";
            if (!lineMatches(e, a)) {
                problems.add("line " + (i + 1) + ": expected [" + e + "] but was [" + a + "]");
            }
        }
        return problems;
    }

    static boolean lineMatches(String goldenLine, String line) {
        if (!goldenLine.contains(WILDCARD)) {
            return goldenLine.equals(line);
        }
        StringBuilder regex = new StringBuilder();
        String[] pieces = goldenLine.split(Pattern.quote(WILDCARD), -1);
        for (int i = 0; i < pieces.length; i++) {
            regex.append(i == 0 ? "" : ".*").append(Pattern.quote(pieces[i]));
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(line).matches();
    }
}
