package dev.postino.deliverability;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import javax.mail.Header;
import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;
import javax.mail.internet.ParseException;

import dev.postino.core.deliverability.HeaderCleanup;

/**
 * Applies a core {@link HeaderCleanup} to a javax.mail message by rewriting its header lines in
 * order: trace fields ({@code Return-Path}, {@code Received}) go on top (RFC 5322 §3.6.7), an
 * added {@code Date} and {@code Message-ID} come right after them, every other line keeps its
 * place. (javax.mail keeps the slot of a removed header: a header it sets again when the message
 * is saved, such as a MIME-Version that was above the trace fields, returns to that slot.)
 */
public final class HeaderEdits {
    private HeaderEdits() {
    }

    public static List<String> headerNames(MimeMessage message) throws MessagingException {
        List<String> names = new ArrayList<>();
        for (Header header : Collections.list(message.getAllHeaders())) {
            names.add(header.getName());
        }
        return names;
    }

    public static Optional<String> firstValue(MimeMessage message, String name) throws MessagingException {
        String[] values = message.getHeader(name);
        return values == null || values.length == 0 ? Optional.empty() : Optional.of(values[0]);
    }

    /** True when something changed. */
    public static boolean apply(MimeMessage message, HeaderCleanup cleanup) throws MessagingException {
        if (cleanup.changesNothing()) {
            return false;
        }
        Set<String> removed = new LinkedHashSet<>();
        cleanup.removals().forEach(name -> removed.add(name.toLowerCase(Locale.ROOT)));
        List<String> lines = new ArrayList<>();
        boolean receivedReplaced = cleanup.firstReceivedReplacement().isEmpty();
        for (String line : Collections.list(message.getAllHeaderLines())) {
            String name = nameOf(line);
            if (removed.contains(name)) {
                continue;
            }
            if (!receivedReplaced && name.equals("received")) {
                lines.add("Received: " + cleanup.firstReceivedReplacement().get());
                receivedReplaced = true;
            } else {
                lines.add(line);
            }
        }
        // Trace fields first, in their order (javax.mail may have put MIME-Version above them).
        List<String> ordered = new ArrayList<>();
        lines.stream().filter(line -> isTrace(nameOf(line))).forEach(ordered::add);
        int afterTrace = ordered.size();
        lines.stream().filter(line -> !isTrace(nameOf(line))).forEach(ordered::add);
        lines = ordered;
        List<String> added = new ArrayList<>();
        cleanup.dateToAdd().ifPresent(date -> added.add("Date: " + date));
        cleanup.messageIdToAdd().ifPresent(id -> added.add("Message-ID: " + id));
        lines.addAll(afterTrace, added);
        replaceAll(message, lines);
        return true;
    }

    /**
     * Saves header edits. javax.mail's {@code saveChanges} also parses the Content-Type, and a
     * multipart body, which a broken or hostile mailer can make unparseable ({@code text/plain;
     * charset}, a boundary that is not in the body). The edited header lines are in place all the
     * same, and the message counts as saved (javax.mail 1.6 marks it so before parsing), so James
     * then writes them out with the unchanged body instead of failing to save again: such a message
     * must still be scored, signed and delivered as it is.
     */
    public static void save(MimeMessage message) throws MessagingException {
        try {
            message.saveChanges();
        } catch (ParseException e) {
            // Not ours to fix: the message's own MIME structure is unreadable to javax.mail.
        }
    }

    /** Puts a header line (name included) above every other (RFC 6376 §5.6 for DKIM-Signature). */
    public static void prepend(MimeMessage message, String headerLine) throws MessagingException {
        List<String> lines = new ArrayList<>();
        lines.add(headerLine);
        lines.addAll(Collections.list(message.getAllHeaderLines()));
        replaceAll(message, lines);
    }

    /** Replaces the whole header with these lines (each {@code Name: value}, folded lines allowed), in order. */
    public static void replaceAll(MimeMessage message, List<String> lines) throws MessagingException {
        for (String name : new LinkedHashSet<>(headerNames(message))) {
            message.removeHeader(name);
        }
        for (String line : lines) {
            message.addHeaderLine(line);
        }
    }

    private static boolean isTrace(String name) {
        return name.equals("received") || name.equals("return-path");
    }

    private static String nameOf(String line) {
        int colon = line.indexOf(':');
        return (colon < 0 ? line : line.substring(0, colon)).trim().toLowerCase(Locale.ROOT);
    }
}
