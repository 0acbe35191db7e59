package dev.postino.core.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SendLogTest {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private static SendLog threeSends() {
        // 10:00 (1 rcpt), 10:20 (2 rcpts), 10:40 (3 rcpts)
        return SendLog.empty().plus(T0, 1).plus(T0.plus(Duration.ofMinutes(20)), 2).plus(T0.plus(Duration.ofMinutes(40)), 3);
    }

    @ParameterizedTest(name = "at {0}: hour holds {1} messages / {2} recipients")
    @CsvSource({
        "2026-03-01T10:40:00Z,     3, 6",
        "2026-03-01T10:59:59.999Z, 3, 6",   // one millisecond before the first send is an hour old
        "2026-03-01T11:00:00Z,     2, 5",   // exactly an hour later: the first send has left
        "2026-03-01T11:20:00Z,     1, 3",
        "2026-03-01T11:39:59.999Z, 1, 3",
        "2026-03-01T11:40:00Z,     0, 0",
    })
    void theHourWindowSlidesPastOldSends(String now, long messages, long recipients) {
        WindowCount hour = threeSends().count(Window.HOUR, Instant.parse(now));
        assertThat(hour.messages()).isEqualTo(messages);
        assertThat(hour.recipients()).isEqualTo(recipients);
    }

    @Test
    void theDayWindowStillHoldsWhatTheHourWindowDropped() {
        Instant now = T0.plus(Duration.ofHours(5));
        assertThat(threeSends().count(Window.HOUR, now).messages()).isZero();
        assertThat(threeSends().count(Window.DAY, now).messages()).isEqualTo(3);
        assertThat(threeSends().count(Window.DAY, T0.plus(Duration.ofDays(1))).messages()).isEqualTo(2);
        assertThat(threeSends().count(Window.DAY, T0.plus(Duration.ofDays(1)).plus(Duration.ofMinutes(40))).messages()).isZero();
    }

    @Test
    void theNextSlotIsWhenTheOldestSendInTheWindowLeavesIt() {
        Instant now = T0.plus(Duration.ofMinutes(50));
        assertThat(threeSends().count(Window.HOUR, now).nextSlotAt()).hasValue(T0.plus(Duration.ofHours(1)));
        assertThat(threeSends().count(Window.DAY, now).nextSlotAt()).hasValue(T0.plus(Duration.ofDays(1)));
        assertThat(SendLog.empty().count(Window.HOUR, now).nextSlotAt()).isEmpty();
    }

    @ParameterizedTest(name = "at most {0} messages → free at {1}")
    @CsvSource({
        "3, 2026-03-01T10:50:00Z",   // already within: now
        "2, 2026-03-01T11:00:00Z",   // the 10:00 send must leave
        "1, 2026-03-01T11:20:00Z",
        "0, 2026-03-01T11:40:00Z",
    })
    void whenTheWindowHoldsFewEnoughMessages(long allowed, String expected) {
        Instant now = T0.plus(Duration.ofMinutes(50));
        assertThat(threeSends().freesAt(Window.HOUR, now, allowed, false)).hasValue(Instant.parse(expected));
    }

    @Test
    void whenTheWindowHoldsFewEnoughRecipients() {
        Instant now = T0.plus(Duration.ofMinutes(50));
        assertThat(threeSends().freesAt(Window.HOUR, now, 5, true)).hasValue(T0.plus(Duration.ofHours(1)));
        assertThat(threeSends().freesAt(Window.HOUR, now, 4, true)).hasValue(T0.plus(Duration.ofMinutes(80)));
        assertThat(threeSends().freesAt(Window.HOUR, now, 2, true)).hasValue(T0.plus(Duration.ofMinutes(100)));
        assertThat(threeSends().freesAt(Window.HOUR, now, -1, true)).as("a limit of 0 never frees").isEmpty();
    }

    @Test
    void sendsStayInTimeOrderAndOneCanBeTakenBack() {
        SendLog log = SendLog.empty().plus(T0.plusSeconds(10), 1).plus(T0, 2);
        assertThat(log.count(Window.HOUR, T0.plusSeconds(3600)).recipients()).as("only the 10:00:10 send is left").isEqualTo(1);

        SendLog twice = log.plus(T0, 2);
        assertThat(twice.minus(T0, 2)).isEqualTo(log);
        assertThat(log.minus(T0, 3)).as("no such send: unchanged").isSameAs(log);
        assertThat(log.minus(T0, 2).minus(T0.plusSeconds(10), 1).isEmpty()).isTrue();
    }

    @Test
    void sinceDropsTheSendsAtOrBeforeTheCutoff() {
        assertThat(threeSends().since(T0).size()).isEqualTo(2);
        assertThat(threeSends().since(T0.minusMillis(1))).isEqualTo(threeSends());
        assertThat(threeSends().since(T0.plus(Duration.ofHours(1))).isEmpty()).isTrue();
    }
}
