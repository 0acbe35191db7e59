package dev.postino.matchers;

import java.util.Optional;

import org.apache.mailet.Mail;

/** The user who sent a mail over authenticated SMTP, as James records it on the mail. */
public final class SmtpSubmitter {
    private SmtpSubmitter() {
    }

    /** Empty when the mail did not come from an authenticated SMTP session. */
    public static Optional<String> of(Mail mail) {
        return mail.getAttribute(Mail.SMTP_AUTH_USER)
            .map(attribute -> attribute.getValue().value())
            .filter(String.class::isInstance)
            .map(String.class::cast)
            .filter(user -> !user.isEmpty());
    }
}
