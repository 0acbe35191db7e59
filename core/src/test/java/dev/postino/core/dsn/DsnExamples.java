package dev.postino.core.dsn;

import dev.postino.core.smtp.EnhancedStatus;
import dev.postino.core.smtp.SmtpReply;
import java.time.Instant;
import java.time.ZoneId;

/** The requests behind the golden files in {@code src/test/resources/dsn/}. */
final class DsnExamples {
    static final Instant ARRIVAL = Instant.parse("2024-03-01T09:58:12Z");
    static final Instant ATTEMPT = Instant.parse("2024-03-01T10:00:05Z");
    static final Instant NOW = Instant.parse("2024-03-01T10:00:06Z");
    static final ZoneId ZONE = ZoneId.of("Europe/Paris");
    static final String MESSAGE_ID = "dsn.20240301100006.1@mx.a.test";
    static final String BOUNDARY = "postino=_dsn_1709287206_1";

    static final String HEADERS = "Return-Path: <alice@a.test>\n"
        + "Received: from [192.0.2.7] (laptop.a.test [192.0.2.7])\n"
        + "\tby mx.a.test (Postino) with ESMTPSA id 4Tm9Qk1b2Cz;\n"
        + "\tFri, 01 Mar 2024 10:58:12 +0100\n"
        + "From: Alice <alice@a.test>\n"
        + "To: Bob <bob@b.test>, Carol <carol@c.test>\n"
        + "Subject: Lunch on Friday?\n"
        + "Date: Fri, 01 Mar 2024 10:58:10 +0100\n"
        + "Message-ID: <lunch-42@a.test>\n"
        + "MIME-Version: 1.0\n"
        + "Content-Type: text/plain; charset=us-ascii\n"
        + "\n";

    static final String BODY = "Hi both,\n\nshall we meet at noon?\n\n-- \nAlice\n";

    private DsnExamples() {
    }

    /** 550 5.1.1 from bob's MX: failed at once, headers returned. */
    /** A failed DSN for one recipient, all else minimal. */
    static DsnRequest failedFor(DsnRecipient recipient) {
        return DsnRequest.builder(DsnRequest.Kind.FAILED).reportingHost("mx.a.test").envelopeSender("alice@a.test")
            .arrival(ARRIVAL).recipient(recipient).originalHeaders("Subject: hello\n").build();
    }

    static DsnRequest failedUnknownUser() {
        return DsnRequest.builder(DsnRequest.Kind.FAILED)
            .reportingHost("mx.a.test")
            .envelopeSender("alice@a.test")
            .envelopeId("QQ314159")
            .arrival(ARRIVAL)
            .recipient(DsnRecipient.of("bob@b.test", EnhancedStatus.parse("5.1.1"), ATTEMPT)
                .withOriginalRecipient("rfc822;Bob@B.test")
                .withRemoteMta("mx1.b.test")
                .withReply(SmtpReply.parse("550 5.1.1 <bob@b.test>: Recipient address rejected: User unknown in"
                    + " virtual mailbox table")))
            .originalHeaders(HEADERS)
            .originalMessage(HEADERS + BODY)
            .build();
    }

    /** carol's MX keeps saying 451 and dave's cannot be reached: still retrying after 4 hours. */
    static DsnRequest delayed() {
        Instant lastAttempt = Instant.parse("2024-03-01T14:02:40Z");
        return DsnRequest.builder(DsnRequest.Kind.DELAYED)
            .reportingHost("mx.a.test")
            .envelopeSender("alice@a.test")
            .arrival(ARRIVAL)
            .recipient(DsnRecipient.of("carol@c.test", EnhancedStatus.parse("4.7.1"), lastAttempt)
                .withRemoteMta("mx.c.test")
                .withReply(SmtpReply.parse("451 4.7.1 Greylisted, please try again later")))
            .recipient(DsnRecipient.of("dave@d.test", EnhancedStatus.parse("4.4.1"), lastAttempt))
            .willRetryUntil(ARRIVAL.plusSeconds(5 * 86_400))
            .originalHeaders(HEADERS)
            .originalMessage(HEADERS + BODY)
            .ret(DsnRequest.Return.FULL)
            .build();
    }

    /** Given up after 5 days with RET=FULL: the whole original comes back. */
    static DsnRequest failedExpiredReturnFull() {
        Instant lastAttempt = Instant.parse("2024-03-06T09:58:12Z");
        return DsnRequest.builder(DsnRequest.Kind.FAILED)
            .reportingHost("mx.a.test")
            .envelopeSender("alice@a.test")
            .envelopeId("QQ314160")
            .arrival(ARRIVAL)
            .recipient(DsnRecipient.of("carol@c.test", EnhancedStatus.parse("4.4.7"), lastAttempt)
                .withOriginalRecipient("rfc822;carol@c.test")
                .withRemoteMta("mx.c.test")
                .withReply(SmtpReply.parse("451 4.7.1 Greylisted, please try again later")))
            .originalHeaders(HEADERS)
            .originalMessage(HEADERS + BODY)
            .ret(DsnRequest.Return.FULL)
            .build();
    }

    /** NOTIFY=SUCCESS, bob's MX took the mail without advertising DSN: RET=FULL is ignored. */
    static DsnRequest relayed() {
        return DsnRequest.builder(DsnRequest.Kind.RELAYED)
            .reportingHost("mx.a.test")
            .envelopeSender("alice@a.test")
            .envelopeId("QQ314161")
            .arrival(ARRIVAL)
            .recipient(DsnRecipient.of("bob@b.test", EnhancedStatus.parse("2.0.0"), ATTEMPT)
                .withOriginalRecipient("rfc822;Bob@B.test")
                .withRemoteMta("mx1.b.test")
                .withReply(SmtpReply.parse("250 2.0.0 Ok: queued as 4Tq9Xk")))
            .originalHeaders(HEADERS)
            .originalMessage(HEADERS + BODY)
            .ret(DsnRequest.Return.FULL)
            .build();
    }

    /** NOTIFY=SUCCESS to a local user: stored in the mailbox. */
    static DsnRequest delivered() {
        return DsnRequest.builder(DsnRequest.Kind.DELIVERED)
            .reportingHost("mx.a.test")
            .envelopeSender("alice@a.test")
            .arrival(ARRIVAL)
            .recipient(DsnRecipient.of("erin@a.test", EnhancedStatus.parse("2.0.0"), ATTEMPT))
            .originalHeaders(HEADERS)
            .build();
    }
}
