package dev.postino.it.harness;

import java.util.List;
import java.util.Locale;

/** One SMTP reply as a client saw it: the code and every line's text (without the code). */
public final class SmtpReplyLines {
    private final int code;
    private final List<String> lines;

    SmtpReplyLines(int code, List<String> lines) {
        this.code = code;
        this.lines = List.copyOf(lines);
    }

    public int code() {
        return code;
    }

    public List<String> lines() {
        return lines;
    }

    /** All lines' text joined by a space, e.g. {@code 5.1.1 Unknown user: x@a.test}. */
    public String text() {
        return String.join(" ", lines);
    }

    /** For EHLO replies: whether an extension keyword (e.g. {@code AUTH}, {@code STARTTLS}) is listed. */
    public boolean advertises(String keyword) {
        String wanted = keyword.toUpperCase(Locale.ROOT);
        return lines.stream().skip(1)
            .map(line -> line.toUpperCase(Locale.ROOT))
            .anyMatch(line -> line.equals(wanted) || line.startsWith(wanted + " ") || line.startsWith(wanted + "="));
    }

    @Override
    public String toString() {
        return code + " " + text();
    }
}
