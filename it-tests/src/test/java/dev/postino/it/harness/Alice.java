package dev.postino.it.harness;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The sending user of delivery tests, {@code alice@a.test} on one server: submits on 587 and reads
 * the DSNs that come back to her INBOX (unfolded, so a test can match whole header values).
 */
public final class Alice {
    public static final String ADDRESS = "alice@a.test";
    public static final String PASSWORD = "alice-secret";

    private final PostinoJames server;

    public Alice(PostinoJames server) {
        this.server = server;
        server.addUser(ADDRESS, PASSWORD);
    }

    /** Submits a small mail with this subject to the recipients, on 587 with STARTTLS and AUTH. */
    public void send(String subject, String... to) {
        sendRaw(Arrays.asList(to), Messages.simple(ADDRESS, String.join(", ", to), subject, "body of " + subject));
    }

    public void sendRaw(List<String> to, String message) {
        SmtpSession.submit(server.submissionPort(), ADDRESS, PASSWORD, ADDRESS, to, message);
    }

    /** Every DSN in the INBOX about the mail with this subject, unfolded. */
    public List<String> dsnsAbout(String subject) {
        return MailReader.imap(server.imapPort(), ADDRESS, PASSWORD, "INBOX").stream()
            // global-delivery-status (RFC 6533) when a remote reply quoted in it is in UTF-8.
            .filter(m -> (m.contains("report-type=delivery-status") || m.contains("report-type=global-delivery-status"))
                && m.contains("Subject: " + subject))
            .map(m -> m.replaceAll("\r\n[ \t]+", " "))
            .collect(Collectors.toList());
    }

    /** As {@link #dsnsAbout(String)}, only those with {@code Action: action} (failed, delayed). */
    public List<String> dsnsAbout(String subject, String action) {
        return dsnsAbout(subject).stream().filter(m -> m.contains("Action: " + action)).collect(Collectors.toList());
    }
}
