package dev.postino.core.dsn;

import java.time.ZoneId;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The DSN's first part, for people: what happened, to which recipients, the remote server's reply
 * verbatim, what the sender can do, and for a delay until when we keep trying. Plain text,
 * wrapped at 72 columns except the remote replies, which are quoted as they were.
 */
final class DsnText {
    private static final int WIDTH = 72;
    private static final String CRLF = MessageText.CRLF;

    private DsnText() {
    }

    /** @param attachment one or two sentences saying what of the original is attached */
    static String compose(DsnRequest request, ZoneId zone, String attachment) {
        StringBuilder s = new StringBuilder();
        s.append(MessageText.wrap("This is the mail delivery system at " + request.reportingHost() + ".", WIDTH, "", ""));
        s.append(CRLF).append(MessageText.wrap(summary(request, zone), WIDTH, "", "")).append(CRLF);
        for (DsnRecipient r : request.recipients()) {
            recipient(s, r, request.kind());
        }
        if (request.kind() == DsnRequest.Kind.FAILED) {
            s.append("What you can do:").append(CRLF);
            Set<String> advice = new LinkedHashSet<>();
            request.recipients().forEach(r -> advice.add(DsnExplanation.advice(r.status())));
            advice.forEach(a -> s.append(MessageText.wrap(a, WIDTH, "  - ", "    ")));
            s.append(CRLF);
        }
        s.append(MessageText.wrap("Your message was received on " + MessageText.date(request.arrival(), zone)
            + ". " + attachment, WIDTH, "", ""));
        return s.toString();
    }

    private static String summary(DsnRequest request, ZoneId zone) {
        String whom = request.recipients().size() == 1 ? "the recipient below" : "the recipients below";
        if (request.kind() == DsnRequest.Kind.FAILED) {
            return "Your message could not be delivered to " + whom + ". We have stopped trying: no further"
                + " attempts will be made.";
        }
        if (request.kind() == DsnRequest.Kind.RELAYED) {
            // RFC 3461 §5.2.2: the next hop was not asked to report, because it cannot carry the request.
            return "Your message was handed on to the mail server of " + whom + ". That server does not offer"
                + " delivery reports, so this is the last notice you will get about it, whether or not it"
                + " reaches the mailbox.";
        }
        if (request.kind() == DsnRequest.Kind.EXPANDED) {
            // RFC 3461 §6.2.7.3: the alias's own addresses are not named, and report no further success.
            return "Your message reached " + whom + ", an alias or forwarding address, and was passed on to the"
                + " addresses it stands for. This is the last notice you will get about it, whether or not it"
                + " reaches each of their mailboxes.";
        }
        if (request.kind() == DsnRequest.Kind.DELIVERED) {
            return "Your message was delivered to the mailbox of " + whom + ", as you asked to be told.";
        }
        return "Your message has not yet been delivered to " + whom + ". This is only a warning: you do not need"
            + " to send the message again. We will keep trying until "
            + MessageText.date(request.willRetryUntil().orElseThrow(), zone)
            + "; if it still cannot be delivered by then, you will get another notice.";
    }

    private static void recipient(StringBuilder s, DsnRecipient r, DsnRequest.Kind kind) {
        s.append('<').append(r.finalRecipient()).append('>').append(CRLF);
        s.append(MessageText.wrap(kind.isSuccess() ? DsnExplanation.success(kind) : DsnExplanation.what(r.status()),
            WIDTH, "    ", "    "));
        if (r.reply().isPresent() && kind.isSuccess()) {
            s.append("    ").append(r.remoteMta().map(h -> "The server " + h + " accepted it with:")
                .orElse("The remote server accepted it with:")).append(CRLF);
            s.append("        ").append(DeliveryStatusFields.oneLine(r.reply().get().toString())).append(CRLF);
        } else if (r.reply().isPresent()) {
            // A 4.x.x reply was the last of several; a 5.x.x one ended delivery at once.
            String from = r.remoteMta().map(h -> r.status().isPermanent() ? "The server " + h + " replied:"
                : "The last reply, from " + h + ", was:").orElse(r.status().isPermanent()
                ? "The remote server replied:" : "The last reply was:");
            s.append("    ").append(from).append(CRLF);
            s.append("        ").append(DeliveryStatusFields.oneLine(r.reply().get().toString())).append(CRLF);
        } else if (r.remoteMta().isPresent()) {
            s.append("    The last attempt was made to ").append(r.remoteMta().get()).append('.').append(CRLF);
        }
        if (r.reply().isEmpty() && r.detail().isPresent()) {
            s.append(MessageText.wrap("Details: " + r.detail().get(), WIDTH, "    ", "    "));
        }
        s.append(CRLF);
    }
}
