package dev.postino.core.spam;

import java.util.List;
import java.util.Objects;

/**
 * The note a local sender gets when their outgoing mail was judged spam and held: a plain
 * notice from the postmaster, not a DSN. It goes to the authenticated sender, never to an
 * address taken from the message, so it cannot be turned into backscatter; and it does not quote
 * the message, so it cannot carry the spam anywhere.
 */
public final class QuarantineNotice {
    private final String subject;
    private final String body;

    private QuarantineNotice(String subject, String body) {
        this.subject = subject;
        this.body = body;
    }

    /**
     * @param originalSubject the held message's subject (may be empty)
     * @param recipients      whom it was addressed to
     * @param status          the verdict as in {@code X-Spam-Status}
     */
    public static QuarantineNotice compose(String originalSubject, List<String> recipients, String status) {
        Objects.requireNonNull(recipients);
        String shown = originalSubject == null || originalSubject.isBlank() ? "(no subject)" : originalSubject.trim();
        String body = "Your message was not sent.\n"
            + "\n"
            + "  Subject:    " + shown + "\n"
            + "  To:         " + String.join(", ", recipients) + "\n"
            + "  Spam check: " + status + "\n"
            + "\n"
            + "Our spam check scored it as spam, so it was held in quarantine rather than\n"
            + "delivered. If it is a legitimate message, contact your postmaster: they can\n"
            + "release it. If you did not send it, change your password now: someone else\n"
            + "may be using your account.\n";
        return new QuarantineNotice("Message not sent (held as spam): " + shown, body);
    }

    public String subject() {
        return subject;
    }

    public String body() {
        return body;
    }
}
