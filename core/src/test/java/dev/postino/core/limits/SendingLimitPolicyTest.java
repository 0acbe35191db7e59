package dev.postino.core.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class SendingLimitPolicyTest {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private static SendingLimits limits(LimitKind kind, long limit) {
        LimitTable configured = LimitTable.empty().withDefaults(LimitSet.empty().with(kind, limit));
        return LimitResolver.resolve("alice@a.test", configured, LimitTable.empty());
    }

    private static SendLog sends(int count, Instant from, Duration apart, int recipients) {
        SendLog log = SendLog.empty();
        for (int i = 0; i < count; i++) {
            log = log.plus(from.plus(apart.multipliedBy(i)), recipients);
        }
        return log;
    }

    @Test
    void exactlyAtTheMessageLimitTheNextMailIsRefusedUntilTheOldestSendLeaves() {
        SendingLimits three = limits(LimitKind.MESSAGES_PER_HOUR, 3);
        SendLog log = sends(3, T0, Duration.ofMinutes(10), 1);

        assertThat(SendingLimitPolicy.atMail(three, sends(2, T0, Duration.ofMinutes(10), 1), T0.plusSeconds(1500)))
            .as("two sent: the third is allowed").isEmpty();
        Optional<LimitRefusal> fourth = SendingLimitPolicy.atMail(three, log, T0.plusSeconds(1800));
        assertThat(fourth).isPresent();
        assertThat(fourth.get().kind()).isEqualTo(LimitKind.MESSAGES_PER_HOUR);
        assertThat(fourth.get().used()).isEqualTo(3);
        assertThat(fourth.get().reply().toString()).startsWith("451 4.7.1");
        assertThat(fourth.get().freesAt()).hasValue(T0.plus(Duration.ofHours(1)));
        assertThat(fourth.get().toString()).isEqualTo("messages-per-hour used=3 limit=3 frees-at=2026-03-01T11:00:00Z");

        assertThat(SendingLimitPolicy.atMail(three, log, T0.plus(Duration.ofHours(1)).minusMillis(1))).isPresent();
        assertThat(SendingLimitPolicy.atMail(three, log, T0.plus(Duration.ofHours(1)))).as("the 10:00 send has left").isEmpty();
    }

    @Test
    void theDayLimitHoldsAfterTheHourWindowMoved() {
        LimitTable configured = LimitTable.empty().withDefaults(LimitSet.empty()
            .with(LimitKind.MESSAGES_PER_HOUR, 3).with(LimitKind.MESSAGES_PER_DAY, 5));
        SendingLimits limits = LimitResolver.resolve("alice@a.test", configured, LimitTable.empty());
        SendLog log = sends(5, T0, Duration.ofMinutes(30), 1); // 10:00 … 12:00

        Optional<LimitRefusal> refusal = SendingLimitPolicy.atMail(limits, log, T0.plus(Duration.ofHours(4)));
        assertThat(refusal).map(LimitRefusal::kind).hasValue(LimitKind.MESSAGES_PER_DAY);
        assertThat(refusal.get().freesAt()).hasValue(T0.plus(Duration.ofDays(1)));
        assertThat(SendingLimitPolicy.atMail(limits, log, T0.plus(Duration.ofDays(1)))).isEmpty();
    }

    @Test
    void theRecipientThatWouldPassThePerMessageLimitIsRefusedWith452() {
        SendingLimits five = limits(LimitKind.RECIPIENTS_PER_MESSAGE, 5);
        assertThat(SendingLimitPolicy.atRcpt(five, SendLog.empty(), T0, 4)).as("the 5th").isEmpty();
        Optional<LimitRefusal> sixth = SendingLimitPolicy.atRcpt(five, SendLog.empty(), T0, 5);
        assertThat(sixth).map(LimitRefusal::kind).hasValue(LimitKind.RECIPIENTS_PER_MESSAGE);
        assertThat(sixth.get().reply().toString()).startsWith("452 4.5.3");
        assertThat(sixth.get().freesAt()).as("waiting does not help").isEmpty();
    }

    @Test
    void recipientWindowsCountTheRecipientsAlreadyAcceptedInThisTransaction() {
        SendingLimits ten = limits(LimitKind.RECIPIENTS_PER_HOUR, 10);
        SendLog log = sends(2, T0, Duration.ofMinutes(10), 4); // 8 recipients this hour
        Instant now = T0.plus(Duration.ofMinutes(30));

        assertThat(SendingLimitPolicy.atRcpt(ten, log, now, 1)).as("9th and 10th fit").isEmpty();
        Optional<LimitRefusal> eleventh = SendingLimitPolicy.atRcpt(ten, log, now, 2);
        assertThat(eleventh).map(LimitRefusal::kind).hasValue(LimitKind.RECIPIENTS_PER_HOUR);
        assertThat(eleventh.get().used()).isEqualTo(10);
        assertThat(eleventh.get().reply().code()).isEqualTo(452);
        assertThat(eleventh.get().freesAt()).as("the first 4 leave at 11:00").hasValue(T0.plus(Duration.ofHours(1)));
    }

    @Test
    void theEndOfDataCheckCountsTheWholeMessageAndAnswers451() {
        LimitTable configured = LimitTable.empty().withDefaults(LimitSet.empty()
            .with(LimitKind.MESSAGES_PER_HOUR, 2).with(LimitKind.RECIPIENTS_PER_DAY, 10).with(LimitKind.RECIPIENTS_PER_MESSAGE, 6));
        SendingLimits limits = LimitResolver.resolve("alice@a.test", configured, LimitTable.empty());
        SendLog one = sends(1, T0, Duration.ZERO, 5);

        assertThat(SendingLimitPolicy.atEndOfData(limits, one, T0, 5)).as("exactly 10 recipients today").isEmpty();
        assertThat(SendingLimitPolicy.atEndOfData(limits, one, T0, 6)).map(LimitRefusal::kind)
            .hasValue(LimitKind.RECIPIENTS_PER_DAY);
        assertThat(SendingLimitPolicy.atEndOfData(limits, SendLog.empty(), T0, 7)).map(LimitRefusal::kind)
            .hasValue(LimitKind.RECIPIENTS_PER_MESSAGE);
        Optional<LimitRefusal> third = SendingLimitPolicy.atEndOfData(limits, one.plus(T0, 1), T0, 1);
        assertThat(third).map(LimitRefusal::kind).hasValue(LimitKind.MESSAGES_PER_HOUR);
        assertThat(third.get().reply().toString()).startsWith("451 4.7.1");
    }

    @Test
    void zeroStopsEverythingAndUnlimitedNothing() {
        Optional<LimitRefusal> none = SendingLimitPolicy.atMail(limits(LimitKind.MESSAGES_PER_DAY, 0), SendLog.empty(), T0);
        assertThat(none).isPresent();
        assertThat(none.get().freesAt()).isEmpty();

        LimitTable table = LimitTable.empty().withDefaults(LimitSet.empty().with(LimitKind.MESSAGES_PER_HOUR, LimitText.UNLIMITED)
            .with(LimitKind.MESSAGES_PER_DAY, LimitText.UNLIMITED));
        SendingLimits unlimited = LimitResolver.resolve("alice@a.test", table, LimitTable.empty());
        assertThat(SendingLimitPolicy.atMail(unlimited, sends(5000, T0, Duration.ofMillis(1), 1), T0.plusSeconds(10))).isEmpty();
    }
}
