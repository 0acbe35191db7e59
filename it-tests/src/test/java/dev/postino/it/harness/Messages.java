package dev.postino.it.harness;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/** Small RFC 5322 messages for tests, with CRLF line ends. */
public final class Messages {
    private Messages() {
    }

    public static String simple(String from, String to, String subject, String body) {
        return "From: " + from + "\r\n"
            + "To: " + to + "\r\n"
            + "Subject: " + subject + "\r\n"
            + "Date: " + ZonedDateTime.now().format(DateTimeFormatter.RFC_1123_DATE_TIME) + "\r\n"
            + "Message-ID: <" + UUID.randomUUID() + "@client.test>\r\n"
            + "MIME-Version: 1.0\r\n"
            + "Content-Type: text/plain; charset=UTF-8\r\n"
            + "\r\n"
            + body.replace("\r\n", "\n").replace("\n", "\r\n") + "\r\n";
    }
}
