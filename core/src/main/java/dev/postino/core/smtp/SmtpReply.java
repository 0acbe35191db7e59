package dev.postino.core.smtp;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An SMTP reply as the remote server gave it: the three-digit code, the enhanced status code
 * when the text starts with one (RFC 2034), and the text without either. Multi-line replies keep
 * their lines joined by a single space, which is how a DSN's {@code Diagnostic-Code} carries them.
 */
public final class SmtpReply {
    private final int code;
    private final Optional<EnhancedStatus> enhancedStatus;
    private final String text;

    private SmtpReply(int code, Optional<EnhancedStatus> enhancedStatus, String text) {
        this.code = code;
        this.enhancedStatus = enhancedStatus;
        this.text = text;
    }

    public static SmtpReply of(int code, EnhancedStatus status, String text) {
        checkCode(code);
        return new SmtpReply(code, Optional.of(status), Objects.requireNonNull(text));
    }

    public static SmtpReply of(int code, String text) {
        checkCode(code);
        return new SmtpReply(code, Optional.empty(), Objects.requireNonNull(text));
    }

    /**
     * Parses one reply line such as {@code 550 5.1.1 <bob@b.test>: no such user} (or its lines,
     * {@code 250-…} then {@code 250 …}). The enhanced code is only taken when its class matches the
     * reply's first digit, as RFC 3463 §2 requires.
     */
    public static SmtpReply parse(List<String> lines) {
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("an SMTP reply has at least one line");
        }
        int code = -1;
        StringBuilder text = new StringBuilder();
        for (String line : lines) {
            if (line.length() < 3 || !Character.isDigit(line.charAt(0)) || !Character.isDigit(line.charAt(1))
                || !Character.isDigit(line.charAt(2)) || (line.length() > 3 && line.charAt(3) != ' ' && line.charAt(3) != '-')) {
                throw new IllegalArgumentException("malformed SMTP reply line: '" + line + "'");
            }
            int lineCode = Integer.parseInt(line.substring(0, 3));
            if (code == -1) {
                code = lineCode;
            } else if (code != lineCode) {
                throw new IllegalArgumentException("SMTP reply lines disagree on the code: '" + line + "'");
            }
            if (text.length() > 0) {
                text.append(' ');
            }
            text.append(line.length() > 4 ? line.substring(4) : "");
        }
        checkCode(code);
        int replyClass = code / 100;
        String all = text.toString();
        int space = all.indexOf(' ');
        String first = space < 0 ? all : all.substring(0, space);
        Optional<EnhancedStatus> status = EnhancedStatus.tryParse(first)
            .filter(s -> s.statusClass() == replyClass);
        String rest = status.isPresent() ? (space < 0 ? "" : all.substring(space + 1)) : all;
        return new SmtpReply(code, status, rest);
    }

    public static SmtpReply parse(String line) {
        return parse(List.of(line));
    }

    private static void checkCode(int code) {
        if (code < 200 || code > 599) {
            throw new IllegalArgumentException("SMTP reply code must be 200..599, got " + code);
        }
    }

    public int code() {
        return code;
    }

    public Optional<EnhancedStatus> enhancedStatus() {
        return enhancedStatus;
    }

    public String text() {
        return text;
    }

    public boolean isPositive() {
        return code < 400;
    }

    public boolean isTransient() {
        return code >= 400 && code < 500;
    }

    public boolean isPermanent() {
        return code >= 500;
    }

    /** As it appeared on the wire (one line): {@code 550 5.1.1 no such user}. */
    @Override
    public String toString() {
        return code + enhancedStatus.map(s -> " " + s).orElse("") + (text.isEmpty() ? "" : " " + text);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof SmtpReply)) {
            return false;
        }
        SmtpReply that = (SmtpReply) o;
        return code == that.code && enhancedStatus.equals(that.enhancedStatus) && text.equals(that.text);
    }

    @Override
    public int hashCode() {
        return Objects.hash(code, enhancedStatus, text);
    }
}
