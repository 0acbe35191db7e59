package dev.postino.core.dsn;

import java.time.ZoneId;

/**
 * The DSN's machine-readable part, the body of {@code message/delivery-status} (RFC 3464 §2):
 * per-message fields, then one block per recipient, fields in the RFC's order.
 */
final class DeliveryStatusFields {
    private static final String CRLF = MessageText.CRLF;

    private DeliveryStatusFields() {
    }

    static String compose(DsnRequest request, ZoneId zone) {
        StringBuilder s = new StringBuilder();
        // RFC 3464 §2.2: the reporting MTA is named by its DNS name.
        s.append(MessageText.header("Reporting-MTA", "dns; " + request.reportingHost()));
        request.envelopeId().ifPresent(id -> s.append(MessageText.header("Original-Envelope-Id", id)));
        s.append(MessageText.header("Arrival-Date", MessageText.date(request.arrival(), zone)));
        // RFC 3464 §2.3.3: failed, delayed, relayed or delivered.
        String action = request.kind().action();
        for (DsnRecipient r : request.recipients()) {
            s.append(CRLF);
            r.originalRecipient().ifPresent(orcpt -> {
                int semicolon = orcpt.indexOf(';');
                s.append(MessageText.header("Original-Recipient",
                    orcpt.substring(0, semicolon) + "; " + orcpt.substring(semicolon + 1)));
            });
            // RFC 6533 §3: a non-ASCII address is of type utf-8 (the report is then a global one).
            s.append(MessageText.header("Final-Recipient",
                (MessageText.isAscii(r.finalRecipient()) ? "rfc822; " : "utf-8; ") + r.finalRecipient()));
            s.append(MessageText.header("Action", action));
            // RFC 3464 §2.3.4: always a numeric x.y.z code, never free text.
            s.append(MessageText.header("Status", r.status().toString()));
            r.remoteMta().ifPresent(h -> s.append(MessageText.header("Remote-MTA", "dns; " + h)));
            // RFC 3464 §2.3.6: the remote's reply as it was on the wire, so the sender sees its words.
            r.reply().ifPresent(reply -> s.append(MessageText.header("Diagnostic-Code", "smtp; " + oneLine(reply.toString()))));
            s.append(MessageText.header("Last-Attempt-Date", MessageText.date(r.lastAttempt(), zone)));
            request.willRetryUntil().ifPresent(until ->
                s.append(MessageText.header("Will-Retry-Until", MessageText.date(until, zone))));
        }
        return s.toString();
    }

    /** Control characters a remote server might send become spaces; the rest stays verbatim. */
    static String oneLine(String text) {
        StringBuilder s = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            s.append(Character.isISOControl(c) ? ' ' : c);
        }
        return s.toString();
    }
}
