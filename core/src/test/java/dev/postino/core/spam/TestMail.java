package dev.postino.core.spam;

import dev.postino.core.spam.mime.MimeMessage;
import dev.postino.core.spam.mime.MimeReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Builds test messages from lines (CRLF-joined) or from fixtures under resources/spam/. */
public final class TestMail {
    private TestMail() {
    }

    public static byte[] bytes(String... lines) {
        return String.join("\r\n", lines).getBytes(StandardCharsets.UTF_8);
    }

    public static MimeMessage parse(String... lines) {
        return new MimeReader().read(bytes(lines));
    }

    public static byte[] fixture(String name) {
        try (InputStream in = TestMail.class.getResourceAsStream("/spam/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static MimeMessage parseFixture(String name) {
        return new MimeReader().read(fixture(name));
    }

    /** A plain, well-formed message with the given subject and body. */
    public static MimeMessage simple(String subject, String body) {
        return parse(
            "From: Alice <alice@a.test>",
            "To: bob@b.test",
            "Subject: " + subject,
            "Date: Mon, 2 Sep 2002 10:00:00 +0000",
            "Message-ID: <1@a.test>",
            "",
            body);
    }
}
