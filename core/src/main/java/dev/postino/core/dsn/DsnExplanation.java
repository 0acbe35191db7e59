package dev.postino.core.dsn;

import dev.postino.core.smtp.EnhancedStatus;

/**
 * Plain-language readings of RFC 3463 status codes for the DSN's human part: what happened, and
 * what the sender can do about it. Keyed on subject and detail; the class is the DSN's kind.
 */
final class DsnExplanation {
    private DsnExplanation() {
    }

    /**
     * One sentence: what happened for this recipient. A 4.x.x status reads as "for now" (it is
     * a delay, or the last word before the time ran out), a 5.x.x one as final.
     */
    static String what(EnhancedStatus s) {
        String specific = specific(s.subject(), s.detail());
        if (specific != null) {
            return specific;
        }
        return s.isPermanent() ? permanent(s.subject()) : temporary(s.subject());
    }

    /** One sentence for a recipient of a success notice (RFC 3464 §2.3.3 relayed, delivered, expanded). */
    static String success(DsnRequest.Kind kind) {
        if (kind == DsnRequest.Kind.EXPANDED) {
            return "An alias or forwarding address: passed on to its addresses, which report no further.";
        }
        return kind == DsnRequest.Kind.RELAYED
            ? "Handed on to a mail server that will not report further on its delivery."
            : "Delivered to the recipient's mailbox.";
    }

    private static String permanent(int subject) {
        switch (subject) {
            case 1:
                return "The recipient's address was not accepted.";
            case 2:
                return "The recipient's mailbox is not available.";
            case 3:
                return "The receiving mail system has a problem.";
            case 4:
                return "The receiving mail server could not be reached, or the route to it failed.";
            case 5:
                return "The conversation with the receiving mail server failed.";
            case 6:
                return "The receiving mail server did not accept the message's content or format.";
            case 7:
                return "The receiving mail server refused the message for a security or policy reason.";
            default:
                return "The message could not be delivered.";
        }
    }

    private static String temporary(int subject) {
        switch (subject) {
            case 1:
                return "The receiving mail server does not accept the recipient's address for now.";
            case 2:
                return "The recipient's mailbox is temporarily unavailable.";
            case 3:
                return "The receiving mail system has a temporary problem.";
            case 4:
                return "The receiving mail server could not be reached so far.";
            case 5:
                return "The conversation with the receiving mail server failed so far.";
            case 6:
                return "The receiving mail server does not accept the message's content or format for now.";
            case 7:
                return "The receiving mail server is holding the message back for now, for a security or policy"
                    + " reason (greylisting, for example).";
            default:
                return "The message could not be delivered so far.";
        }
    }

    // The details senders meet most often (RFC 3463 §3, RFC 7505 for 1.10).
    private static String specific(int subject, int detail) {
        if (subject == 1 && detail == 1) {
            return "The recipient's address does not exist.";
        }
        if (subject == 1 && detail == 2) {
            return "The recipient's domain does not exist or does not receive mail.";
        }
        if (subject == 1 && detail == 10) {
            return "The recipient's domain declares that it accepts no mail at all.";
        }
        if (subject == 2 && detail == 2) {
            return "The recipient's mailbox is full.";
        }
        if (subject == 3 && detail == 4 || subject == 2 && detail == 3) {
            return "The message is larger than the receiving side accepts.";
        }
        if (subject == 4 && detail == 7) {
            return "Delivery time expired: we tried for as long as we keep any message, without success.";
        }
        return null;
    }

    /** One sentence: what the sender of a failed message can do. */
    static String advice(EnhancedStatus s) {
        if (s.subject() == 1) {
            return "Check the address for typing mistakes, including the domain part after the @ sign, and send"
                + " the message again.";
        }
        if (s.subject() == 2 && s.detail() == 2) {
            return "Send the message again later, or reach the recipient another way.";
        }
        if (s.subject() == 3 && s.detail() == 4 || s.subject() == 2 && s.detail() == 3) {
            return "Send a smaller message, for example by sharing large attachments as a link.";
        }
        if (s.subject() == 7 || s.subject() == 6) {
            return "Read the server's reply above; if it mentions spam, policy or authentication, reach the"
                + " recipient another way or forward this notice to your mail administrator.";
        }
        return "Send the message again later; if it keeps failing, forward this notice to your mail"
            + " administrator or reach the recipient another way.";
    }
}
