package dev.postino.core.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.postino.core.retry.AttemptResult;
import dev.postino.core.retry.DeliveryHistory;
import dev.postino.core.retry.RecipientRecord;
import dev.postino.core.smtp.EnhancedStatus;
import dev.postino.core.smtp.SmtpReply;

class QueueShapeTest {
    static final Instant T0 = Instant.parse("2024-03-01T10:00:00Z");
    static final Instant T1 = Instant.parse("2024-03-01T10:05:00Z");
    static final Instant T2 = Instant.parse("2024-03-01T10:10:00Z");
    static final Instant NEXT1 = Instant.parse("2024-03-01T11:00:00Z");
    static final Instant NEXT2 = Instant.parse("2024-03-01T12:00:00Z");

    static RecipientRecord greylisted(String rcpt, Instant at) {
        return RecipientRecord.of(rcpt, RecipientRecord.State.PENDING, Optional.of(AttemptResult.temporary(rcpt,
            EnhancedStatus.parse("4.7.1"), Optional.of(SmtpReply.parse("451 4.7.1 greylisted")), Optional.of("mx.b.test"),
            at)));
    }

    static RecipientRecord refused(String rcpt, Instant at) {
        return RecipientRecord.of(rcpt, RecipientRecord.State.PENDING, Optional.of(AttemptResult.temporary(rcpt,
            EnhancedStatus.parse("4.4.1"), Optional.empty(), Optional.empty(), at)
            .withDetail("connection refused by 127.0.0.2:25")));
    }

    static RecipientRecord delivered(String rcpt, Instant at) {
        return RecipientRecord.of(rcpt, RecipientRecord.State.DELIVERED, Optional.of(
            AttemptResult.delivered(rcpt, SmtpReply.parse("250 2.0.0 ok"), "mx.c.test", at)));
    }

    @Test
    void aMailToTwoDomainsCountsInBothAndDeliveredRecipientsDoNot() {
        QueuedMail first = QueuedMail.of("m1", "alice@a.test", DeliveryHistory.of(T0, 1, List.of(
            greylisted("bob@b.test", T1), refused("carol@c.test", T1), delivered("dave@d.test", T1)),
            false, Optional.of(NEXT2)));
        QueuedMail second = QueuedMail.of("m2", "", DeliveryHistory.of(T1, 2, List.of(
            refused("erin@B.Test", T2), refused("frank@b.test", T2)), false, Optional.of(NEXT1)));
        QueuedMail fresh = QueuedMail.of("m3", "alice@a.test", DeliveryHistory.start(T2, List.of("gina@c.test")));

        List<DomainSummary> shape = QueueShape.byDomain(List.of(first, second, fresh));

        assertThat(shape).extracting(DomainSummary::domain).containsExactly("b.test", "c.test");
        DomainSummary b = shape.get(0);
        assertThat(b.mails()).isEqualTo(2);
        assertThat(b.recipients()).isEqualTo(3);
        assertThat(b.oldestArrival()).isEqualTo(T0);
        assertThat(b.nextAttempt()).contains(NEXT1);
        assertThat(b.lastError().map(QueueShape::words)).contains("4.4.1 connection refused by 127.0.0.2:25");
        DomainSummary c = shape.get(1);
        assertThat(c.mails()).isEqualTo(2);
        assertThat(c.recipients()).isEqualTo(2);
        assertThat(c.nextAttempt()).as("the fresh mail is due at once").contains(T2);
        assertThat(c.lastError().map(QueueShape::words)).contains("4.4.1 connection refused by 127.0.0.2:25");
    }

    @Test
    void aMailNeverTriedHasNoLastError() {
        QueuedMail fresh = QueuedMail.of("m", "alice@a.test", DeliveryHistory.start(T0, List.of("bob@b.test")));

        assertThat(QueueShape.byDomain(List.of(fresh)).get(0).lastError()).isEmpty();
        assertThat(QueueShape.byDomain(List.of())).isEmpty();
    }

    @Test
    void wordsAreTheRemotesReplyOrOurs() {
        assertThat(QueueShape.words(greylisted("bob@b.test", T1).last().get())).isEqualTo("451 4.7.1 greylisted");
        assertThat(QueueShape.words(AttemptResult.temporary("bob@b.test", EnhancedStatus.parse("4.4.1"),
            Optional.empty(), Optional.empty(), T1))).isEqualTo("4.4.1");
    }

    @Test
    void pendingInPicksTheDomainsPendingRecipientsOnly() {
        QueuedMail mail = QueuedMail.of("m1", "alice@a.test", DeliveryHistory.of(T0, 1, List.of(
            greylisted("bob@b.test", T1), delivered("dave@b.test", T1), greylisted("carol@c.test", T1)),
            false, Optional.of(NEXT1)));

        assertThat(mail.pendingIn("b.test")).extracting(RecipientRecord::recipient).containsExactly("bob@b.test");
        assertThat(mail.pendingDomains()).containsExactly("b.test", "c.test");
        assertThatThrownBy(() -> QueuedMail.of(null, "", mail.history())).isInstanceOf(NullPointerException.class);
    }
}
