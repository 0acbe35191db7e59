package dev.postino.core.deliverability;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Decides how an outgoing message's header is cleaned before it leaves for a remote domain.
 * <ul>
 *   <li>{@code Message-ID} and {@code Date} are added when a submitting client left them out
 *       (RFC 6409 §8.2, §8.3); the Message-ID names our host ({@code helo.name}), as
 *       RFC 5322 §3.6.4 suggests, so it is unique and ours.</li>
 *   <li>{@code Bcc} never leaves (RFC 5322 §3.6.3: the blind recipients must not be shown).</li>
 *   <li>Our own internal headers never leave: {@code X-Postino-*}, and the {@code X-Spam-*}
 *       verdict our spam check wrote (a remote has its own opinion; ours would leak scores).</li>
 *   <li>For mail our users submitted, the topmost {@code Received} (the one our submission port
 *       wrote) can lose its {@code from} clause, which names the user's own address and host
 *       (privacy: a home or mobile IP; RFC 5321 §4.4 allows omitting what a server does not want to
 *       disclose only from its own trace, which this is).</li>
 * </ul>
 */
public final class OutgoingHeaderPolicy {
    /** RFC 5322 §3.3 date-time, always in UTC so the result does not depend on the machine. */
    private static final DateTimeFormatter RFC_5322 =
        DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private final String hostName;
    private final boolean hideSubmitterAddress;

    /**
     * @param hostName our host name (helo.name), the right-hand side of generated Message-IDs
     * @param hideSubmitterAddress whether a user's submission loses the topmost Received's {@code from} clause
     */
    public OutgoingHeaderPolicy(String hostName, boolean hideSubmitterAddress) {
        if (hostName == null || hostName.isBlank() || hostName.contains("@") || hostName.contains(">")) {
            throw new IllegalArgumentException("host name for Message-IDs must be a plain name, got '" + hostName + "'");
        }
        this.hostName = hostName.trim().toLowerCase(Locale.ROOT);
        this.hideSubmitterAddress = hideSubmitterAddress;
    }

    /**
     * What a message submitted by one of our users lacks: {@code Message-ID} and {@code Date}
     * (RFC 6409 §8.2, §8.3: the submission server may add them). Applied as soon as the mail is
     * accepted, before anything rewrites the header, so the Message-ID is ours and not a library's.
     *
     * @param headerNames every header field name of the message, in order (duplicates allowed)
     * @param now the time to write into a missing Date
     * @param uniqueToken the caller's unique part for a missing Message-ID (letters, digits, '.', '-')
     */
    public HeaderCleanup submission(List<String> headerNames, Instant now, String uniqueToken) {
        boolean hasMessageId = headerNames.stream().anyMatch("message-id"::equalsIgnoreCase);
        boolean hasDate = headerNames.stream().anyMatch("date"::equalsIgnoreCase);
        return new HeaderCleanup(List.of(), hasMessageId ? null : messageId(now, uniqueToken),
            hasDate ? null : RFC_5322.format(now), null);
    }

    /**
     * The full cleaning before a message leaves for a remote domain: what {@link #submission}
     * adds (for mail that did not pass it), the headers that never leave, and, for our users'
     * submissions, the topmost Received without its {@code from} clause when so configured.
     *
     * @param firstReceived the topmost Received header's value, if any
     * @param submittedByUser the mail came from an authenticated submission (not from a mailet of ours, not relayed)
     */
    public HeaderCleanup outgoing(List<String> headerNames, Optional<String> firstReceived, boolean submittedByUser,
                                  Instant now, String uniqueToken) {
        List<String> removals = new ArrayList<>();
        for (String name : headerNames) {
            if (isRemoved(name) && removals.stream().noneMatch(name::equalsIgnoreCase)) {
                removals.add(name);
            }
        }
        HeaderCleanup additions = submission(headerNames, now, uniqueToken);
        String received = submittedByUser && hideSubmitterAddress
            ? firstReceived.flatMap(OutgoingHeaderPolicy::withoutFromClause).orElse(null) : null;
        return new HeaderCleanup(removals, additions.messageIdToAdd().orElse(null), additions.dateToAdd().orElse(null),
            received);
    }

    /** True for the header names that never leave: Bcc and our internal ones. */
    public static boolean isRemoved(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.equals("bcc") || lower.startsWith("x-postino-") || lower.startsWith("x-spam-");
    }

    private String messageId(Instant now, String uniqueToken) {
        if (uniqueToken == null || !uniqueToken.matches("[A-Za-z0-9.-]+")) {
            throw new IllegalArgumentException("unique token must be letters, digits, '.' or '-', got '" + uniqueToken + "'");
        }
        return "<" + Long.toString(now.toEpochMilli(), 36) + "." + uniqueToken + "@" + hostName + ">";
    }

    /**
     * The Received value without its leading {@code from} clause (RFC 5321 §4.4 From-domain and
     * TCP-info: the client's name and address), keeping {@code by … with … id … for …; date}.
     * Empty when there is no from clause or no {@code by} after it.
     */
    static Optional<String> withoutFromClause(String received) {
        String unfolded = received.replaceAll("\r?\n", "").trim();
        if (!unfolded.regionMatches(true, 0, "from ", 0, 5)) {
            return Optional.empty();
        }
        java.util.regex.Matcher by = java.util.regex.Pattern.compile("(?i)(^|\\s)by\\s").matcher(unfolded);
        if (!by.find(5)) {
            return Optional.empty();
        }
        return Optional.of(unfolded.substring(by.start()).trim().replaceAll("[ \t]+", " "));
    }
}
