package dev.postino.spam;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import javax.mail.Header;
import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import dev.postino.core.spam.Contribution;
import dev.postino.core.spam.ForgedHeaders;
import dev.postino.core.spam.SpamVerdict;
import dev.postino.deliverability.HeaderEdits;

/**
 * Writes a verdict into a message the way SpamAssassin does, after removing every
 * {@code X-Spam-*} field already there (anyone upstream can forge them, see {@link ForgedHeaders}):
 *
 * <pre>
 * X-Spam-Score: 7.0
 * X-Spam-Level: *******
 * X-Spam-Status: Yes, score=7.0 required=5.0 tests=BAYES_9999,SUBJECT_CAPS
 * X-Spam-Report:
 *  *  6.0 BAYES_9999 spam probability 1.0000 from …
 *  *  1.0 IP_URL link to an IP address …
 * </pre>
 *
 * Reasons quote message content (tokens, hosts), so every value is reduced to printable ASCII
 * and each report line is cut short: a hostile message cannot inject header lines.
 */
public final class SpamHeaders {
    public static final String SCORE = "X-Spam-Score";
    /**
     * One {@code *} per whole point of a positive score, at most {@link #MAX_LEVEL} (SpamAssassin's
     * {@code X-Spam-Level}): what a Sieve script can test without the {@code spamtest} extension,
     * {@code header :contains "X-Spam-Level" "*****"} being "score at least 5".
     */
    public static final String LEVEL = "X-Spam-Level";
    static final int MAX_LEVEL = 50;
    public static final String STATUS = SpamVerdict.STATUS_HEADER;
    public static final String REPORT = "X-Spam-Report";
    static final int MAX_REASON = 160;

    private SpamHeaders() {
    }

    /** Removes every {@code X-Spam-*} field; returns the names removed. */
    public static List<String> strip(MimeMessage message) throws MessagingException {
        Set<String> names = new LinkedHashSet<>();
        for (Header header : Collections.list(message.getAllHeaders())) {
            if (ForgedHeaders.isSpamHeader(header.getName())) {
                names.add(header.getName());
            }
        }
        for (String name : names) {
            message.removeHeader(name);
        }
        return new ArrayList<>(names);
    }

    public static void write(MimeMessage message, SpamVerdict verdict) throws MessagingException {
        strip(message);
        message.setHeader(SCORE, String.format(Locale.ROOT, "%.1f", verdict.score()));
        message.setHeader(LEVEL, level(verdict.score()));
        message.setHeader(STATUS, printable(verdict.statusHeaderValue(), 900));
        message.setHeader(REPORT, report(verdict));
        saveChanges(message);
    }

    /** Saves header edits, even of a message whose MIME structure javax.mail cannot parse: {@link HeaderEdits#save}. */
    public static void saveChanges(MimeMessage message) throws MessagingException {
        HeaderEdits.save(message);
    }

    static String level(double score) {
        int stars = (int) Math.max(0, Math.min(MAX_LEVEL, Math.floor(score)));
        return "*".repeat(stars);
    }

    static String report(SpamVerdict verdict) {
        if (verdict.contributions().isEmpty()) {
            return "no test fired";
        }
        StringBuilder value = new StringBuilder();
        for (Contribution c : verdict.contributions()) {
            // RFC 5322 §2.2.3: a folded line starts with white space.
            value.append("\r\n *").append(String.format(Locale.ROOT, " %5.1f %s %s", c.points(), c.name(),
                printable(c.reason(), MAX_REASON)));
        }
        return value.toString();
    }

    static String printable(String text, int max) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), max));
        for (int i = 0; i < text.length() && out.length() < max; i++) {
            char c = text.charAt(i);
            out.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return out.toString();
    }
}
