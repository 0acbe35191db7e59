package dev.postino.core.dsn;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Writes a Delivery Status Notification (RFC 3464) as a complete RFC 5322 message, CRLF line
 * endings, ready to be sent with the null reverse-path (RFC 5321 §4.5.5):
 * {@code multipart/report; report-type=delivery-status} (RFC 6522) with
 * <ol>
 *   <li>{@code text/plain}: the explanation for people ({@link DsnText});</li>
 *   <li>{@code message/delivery-status}: the fields for programs ({@link DeliveryStatusFields}); RFC 6533
 *   {@code message/global-delivery-status} (and {@code report-type=global-delivery-status}) when they
 *   hold UTF-8, a remote reply's words say;</li>
 *   <li>the original: {@code message/rfc822} when a failed DSN's sender asked for RET=FULL and
 *   the message is at most {@link #fullReturnLimit()} bytes, else {@code text/rfc822-headers}
 *   (and the explanation says why). A success DSN (relayed, delivered, expanded) always returns the headers
 *   only: RFC 3461 §4.3 says it should not return the content.</li>
 * </ol>
 * {@code Auto-Submitted: auto-replied} (RFC 3834 §5) keeps auto-responders from answering it.
 * The date, Message-ID and boundary are parameters, so the output is a pure function of them.
 */
public final class DsnComposer {
    /** Largest original returned in full, in bytes (UTF-8, CRLF line endings); larger → headers only. */
    public static final long DEFAULT_FULL_RETURN_LIMIT = 1_000_000;
    // RFC 2046 §5.1.1 bcharsnospace, 1 to 70 characters (no space, so it never needs trimming).
    private static final Pattern BOUNDARY = Pattern.compile("[0-9A-Za-z'()+_,./:=?-]{1,70}");
    private static final Pattern MESSAGE_ID = Pattern.compile("[^\\s<>@]+@[^\\s<>@]+");
    private static final String CRLF = MessageText.CRLF;

    private final long fullReturnLimit;

    public DsnComposer() {
        this(DEFAULT_FULL_RETURN_LIMIT);
    }

    public DsnComposer(long fullReturnLimit) {
        if (fullReturnLimit < 0) {
            throw new IllegalArgumentException("full return limit must not be negative, got " + fullReturnLimit);
        }
        this.fullReturnLimit = fullReturnLimit;
    }

    public long fullReturnLimit() {
        return fullReturnLimit;
    }

    /**
     * @param date      the DSN's {@code Date:}
     * @param zone      the zone every date in the DSN is written in
     * @param messageId {@code left@right}, without angle brackets
     * @param boundary  the MIME boundary, RFC 2046 characters, at most 70; it must not occur in the
     *                  content (an {@link IllegalArgumentException} asks the caller for another one)
     */
    public String compose(DsnRequest request, Instant date, ZoneId zone, String messageId, String boundary) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(zone, "zone");
        if (messageId == null || !MESSAGE_ID.matcher(messageId).matches()) {
            throw new IllegalArgumentException("Message-ID must be left@right without brackets or spaces, got '"
                + messageId + "'");
        }
        if (boundary == null || !BOUNDARY.matcher(boundary).matches()) {
            throw new IllegalArgumentException("not an RFC 2046 boundary: '" + boundary + "'");
        }
        Original original = original(request);
        String text = DsnText.compose(request, zone, original.sentence);
        String status = DeliveryStatusFields.compose(request, zone);
        // RFC 3464 registers message/delivery-status as 7bit. A remote reply in UTF-8 (or a UTF-8
        // address) makes it RFC 6533 message/global-delivery-status; the report-type names the
        // second part's subtype (RFC 6522 §3).
        String reportType = MessageText.isAscii(status) ? "delivery-status" : "global-delivery-status";
        List<String> parts = List.of(
            part("Notification", "text/plain; charset=" + (MessageText.isAscii(text) ? "us-ascii" : "utf-8"), text),
            part("Delivery report", "message/" + reportType, status),
            part(original.description, original.contentType, original.content));
        for (String p : parts) {
            if (p.contains("--" + boundary)) {
                throw new IllegalArgumentException("the boundary '" + boundary + "' occurs in the DSN's content");
            }
        }
        // RFC 2045 §6.4: a multipart holding an 8-bit part is itself 8bit, so that it is relayed with
        // BODY=8BITMIME (RFC 6152) rather than as 8-bit data in a message said to be 7bit.
        boolean eightBit = parts.stream().anyMatch(p -> !MessageText.isAscii(p));
        StringBuilder m = new StringBuilder(headers(request, date, zone, messageId, boundary, reportType, eightBit));
        m.append(CRLF).append("This is a MIME-encapsulated message.").append(CRLF);
        for (String p : parts) {
            m.append(CRLF).append("--").append(boundary).append(CRLF).append(p);
        }
        return m.append(CRLF).append("--").append(boundary).append("--").append(CRLF).toString();
    }

    private static String headers(DsnRequest request, Instant date, ZoneId zone, String messageId, String boundary,
                                  String reportType, boolean eightBit) {
        StringBuilder m = new StringBuilder();
        m.append(MessageText.header("From", request.from()));
        m.append(MessageText.header("To", request.envelopeSender()));
        m.append(MessageText.header("Subject", subject(request.kind())));
        m.append(MessageText.header("Date", MessageText.date(date, zone)));
        m.append(MessageText.header("Message-ID", "<" + messageId + ">"));
        m.append(MessageText.header("MIME-Version", "1.0"));
        m.append(MessageText.header("Auto-Submitted", "auto-replied"));
        m.append(MessageText.header("Content-Type",
            "multipart/report; report-type=" + reportType + "; boundary=\"" + boundary + "\""));
        if (eightBit) {
            m.append(MessageText.header("Content-Transfer-Encoding", "8bit"));
        }
        return m.toString();
    }

    private static String subject(DsnRequest.Kind kind) {
        switch (kind) {
            case FAILED:
                return "Undelivered Mail Returned to Sender";
            case DELAYED:
                return "Delayed Mail (still being retried)";
            case RELAYED:
                return "Relayed Mail (no further notice will follow)";
            case EXPANDED:
                return "Expanded Mail (passed on to an alias's addresses)";
            default:
                return "Successful Mail Delivery Report";
        }
    }

    /** Part headers, blank line, content; 8bit declared when the content is not ASCII. */
    private static String part(String description, String contentType, String content) {
        return MessageText.header("Content-Description", description)
            + MessageText.header("Content-Type", contentType)
            + (MessageText.isAscii(content) ? "" : MessageText.header("Content-Transfer-Encoding", "8bit"))
            + CRLF + content;
    }

    /** Which form of the original goes into the third part, and the sentence that says so. */
    private static final class Original {
        final String description;
        final String contentType;
        final String content;
        final String sentence;

        Original(String description, String contentType, String content, String sentence) {
            this.description = description;
            this.contentType = contentType;
            this.content = content;
            this.sentence = sentence;
        }
    }

    private Original original(DsnRequest request) {
        boolean failed = request.kind() == DsnRequest.Kind.FAILED;
        boolean full = request.ret() == DsnRequest.Return.FULL;
        String headers = "Its headers are attached below.";
        if (full && failed && request.originalMessage().isPresent()) {
            String message = MessageText.crlf(request.originalMessage().get());
            long size = MessageText.utf8Length(message);
            if (size <= fullReturnLimit) {
                return new Original("Undelivered message", "message/rfc822", message,
                    "As you asked, the whole message is attached below.");
            }
            headers = "You asked for the whole message back, but at " + MessageText.humanSize(size)
                + " it is over the " + MessageText.humanSize(fullReturnLimit)
                + " limit for returned messages, so only its headers are attached below.";
        } else if (full && request.kind() == DsnRequest.Kind.DELAYED) {
            // RFC 3461 §4.3: a DSN that reports no failure returns only the headers, whatever RET says.
            headers = "Its headers are attached below; the whole message will be returned only if delivery fails.";
        }
        return new Original(headersDescription(request.kind()),
            "text/rfc822-headers", headerBlock(request.originalHeaders()), headers);
    }

    private static String headersDescription(DsnRequest.Kind kind) {
        switch (kind) {
            case FAILED:
                return "Undelivered message headers";
            case DELAYED:
                return "Delayed message headers";
            case RELAYED:
                return "Relayed message headers";
            case EXPANDED:
                return "Expanded message headers";
            default:
                return "Delivered message headers";
        }
    }

    /** The header block with CRLF endings, without the empty line that ends it in a message. */
    private static String headerBlock(String headers) {
        String h = MessageText.crlf(headers);
        while (h.endsWith(CRLF + CRLF)) {
            h = h.substring(0, h.length() - 2);
        }
        return h.equals(CRLF) ? "" : h;
    }
}
