package dev.postino.core.queue;

import static dev.postino.core.queue.QueueShapeTest.NEXT1;
import static dev.postino.core.queue.QueueShapeTest.T0;
import static dev.postino.core.queue.QueueShapeTest.T1;
import static dev.postino.core.queue.QueueShapeTest.T2;
import static dev.postino.core.queue.QueueShapeTest.delivered;
import static dev.postino.core.queue.QueueShapeTest.greylisted;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.postino.core.retry.AttemptResult;
import dev.postino.core.retry.DeliveryHistory;
import dev.postino.core.retry.RecipientRecord;

class QueueOverrideTest {
    private static final DeliveryHistory TWO_DOMAINS = DeliveryHistory.of(T0, 3, List.of(
        greylisted("bob@b.test", T1), greylisted("carol@c.test", T1), delivered("dave@b.test", T1),
        greylisted("erin@B.test", T1)), true, Optional.of(NEXT1));

    @Test
    void retryNowMovesOnlyTheNextAttempt() {
        DeliveryHistory flushed = QueueOverride.dueNow(TWO_DOMAINS, T2);

        assertThat(flushed.nextAttempt()).contains(T2);
        assertThat(flushed.attempts()).isEqualTo(3);
        assertThat(flushed.recipients()).isEqualTo(TWO_DOMAINS.recipients());
        assertThat(flushed.arrival()).isEqualTo(T0);
        assertThat(flushed.warningSent()).isTrue();
    }

    @Test
    void retryNowLeavesAFinishedHistoryAlone() {
        DeliveryHistory done = DeliveryHistory.of(T0, 1, List.of(delivered("dave@b.test", T1)), false, Optional.empty());

        assertThat(QueueOverride.dueNow(done, T2)).isEqualTo(done);
    }

    @Test
    void givingUpOnADomainFailsItsPendingRecipientsAndKeepsTheOthersOnSchedule() {
        QueueOverride.Removal removal = QueueOverride.giveUp(TWO_DOMAINS, "b.test", T2);

        assertThat(removal.removed()).extracting(AttemptResult::recipient).containsExactly("bob@b.test", "erin@B.test");
        AttemptResult bob = removal.removed().get(0);
        assertThat(bob.kind()).isEqualTo(AttemptResult.Kind.PERMANENT);
        assertThat(bob.status()).isEqualTo(QueueOverride.REMOVED);
        assertThat(bob.at()).isEqualTo(T2);
        assertThat(bob.reply()).isEmpty();
        assertThat(bob.detail()).contains(
            "removed from the queue by the postmaster after 3 delivery attempts; the last attempt got: 451 4.7.1 greylisted");
        DeliveryHistory after = removal.after();
        assertThat(after.pendingRecipients()).containsExactly("carol@c.test");
        assertThat(after.recipient("bob@b.test").map(RecipientRecord::state)).contains(RecipientRecord.State.FAILED);
        assertThat(after.recipient("dave@b.test").map(RecipientRecord::state)).contains(RecipientRecord.State.DELIVERED);
        assertThat(after.nextAttempt()).contains(NEXT1);
        assertThat(after.attempts()).isEqualTo(3);
        assertThat(removal.leavesPending()).isTrue();
        assertThat(DeliveryHistory.parse(after.toText())).as("the rewritten history stores").isEqualTo(after);
    }

    @Test
    void givingUpOnEveryoneEndsTheSchedule() {
        QueueOverride.Removal removal = QueueOverride.giveUpAll(TWO_DOMAINS, T2);

        assertThat(removal.removed()).hasSize(3);
        assertThat(removal.leavesPending()).isFalse();
        assertThat(removal.after().nextAttempt()).isEmpty();
    }

    @Test
    void aDomainWithNothingPendingIsANoOp() {
        QueueOverride.Removal removal = QueueOverride.giveUp(TWO_DOMAINS, "z.test", T2);

        assertThat(removal.removed()).isEmpty();
        assertThat(removal.after()).isEqualTo(TWO_DOMAINS);
    }

    @Test
    void aMailNeverTriedSaysSo() {
        QueueOverride.Removal removal = QueueOverride.giveUpAll(DeliveryHistory.start(T0, List.of("bob@b.test")), T1);

        assertThat(removal.removed().get(0).detail())
            .contains("removed from the queue by the postmaster after 0 delivery attempts");
    }
}
