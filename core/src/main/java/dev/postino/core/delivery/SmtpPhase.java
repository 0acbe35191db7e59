package dev.postino.core.delivery;

/** The step of an outbound SMTP session (RFC 5321 §3, RFC 3207, RFC 4954) an outcome belongs to. */
public enum SmtpPhase {
    CONNECT("connect"),
    GREETING("greeting"),
    EHLO("EHLO"),
    STARTTLS("STARTTLS"),
    AUTH("AUTH"),
    MAIL("MAIL FROM"),
    RCPT("RCPT TO"),
    DATA("DATA"),
    END_OF_DATA("end of data");

    private final String label;

    SmtpPhase(String label) {
        this.label = label;
    }

    /** How the step reads in a DSN or log line: {@code RCPT TO}, {@code end of data}. */
    public String label() {
        return label;
    }

    /**
     * True for the steps that set up a session (connect through AUTH), before any mail
     * transaction: a failure there says something about the host, not about the mail.
     */
    public boolean isSessionSetup() {
        return compareTo(AUTH) <= 0;
    }
}
