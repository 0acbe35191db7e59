package dev.postino.core.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.postino.core.smtp.EnhancedStatus;
import dev.postino.core.smtp.SmtpReply;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RetryPolicyTest {
    private static final Instant ARRIVAL = Instant.parse("2024-03-01T10:00:00Z");
    private static final RetryPolicyConfig NO_JITTER = RetryPolicyConfig.of(RetrySchedule.defaults().withJitter(0),
        Duration.ofHours(4), Duration.ofDays(5), OptionalInt.empty());

    private static AttemptResult temporary(String rcpt, Instant at) {
        return AttemptResult.temporary(rcpt, EnhancedStatus.parse("4.2.2"),
            Optional.of(SmtpReply.parse("452 4.2.2 mailbox full")), Optional.of("mx.b.test"), at);
    }

    private static AttemptResult permanent(String rcpt, Instant at) {
        return AttemptResult.permanent(rcpt, EnhancedStatus.parse("5.1.1"),
            Optional.of(SmtpReply.parse("550 5.1.1 <" + rcpt + ">: no such user")), Optional.of("mx.b.test"), at);
    }

    private static AttemptResult delivered(String rcpt, Instant at) {
        return AttemptResult.delivered(rcpt, SmtpReply.parse("250 2.0.0 ok queued as 1234"), "mx.b.test", at);
    }

    private static List<String> names(List<AttemptResult> results) {
        return results.stream().map(AttemptResult::recipient).collect(Collectors.toList());
    }

    @Test
    void mixedOutcomesReportOnlyThePermanentFailureAndRetryOnlyTheTemporary() {
        Instant now = ARRIVAL.plusSeconds(3);
        DeliveryHistory history = DeliveryHistory.start(ARRIVAL, List.of("bob@b.test", "carol@b.test", "dave@b.test"));

        RetryDecision d = new RetryPolicy(NO_JITTER, new Random(1)).decide(history, List.of(
            delivered("bob@b.test", now), temporary("carol@b.test", now), permanent("dave@b.test", now)), now);

        assertThat(d.action()).isEqualTo(RetryDecision.Action.RETRY_AT);
        assertThat(d.retryAt()).contains(now.plus(Duration.ofMinutes(5)));
        assertThat(names(d.delivered())).containsExactly("bob@b.test");
        assertThat(names(d.failed())).containsExactly("dave@b.test");
        assertThat(names(d.failureReport())).containsExactly("dave@b.test");
        assertThat(d.expired()).isEmpty();
        assertThat(d.remaining()).extracting(RecipientRecord::recipient).containsExactly("carol@b.test");
        assertThat(d.history().attempts()).isEqualTo(1);
        assertThat(d.history().recipients()).extracting(RecipientRecord::state).containsExactly(
            RecipientRecord.State.DELIVERED, RecipientRecord.State.PENDING, RecipientRecord.State.FAILED);
        assertThat(d.history().pendingRecipients()).containsExactly("carol@b.test");
        assertThat(d.history().nextAttempt()).isEqualTo(d.retryAt());
    }

    @Test
    void finalRecipientsAreReportedOnceAndNeverRetried() {
        RetryPolicy policy = new RetryPolicy(NO_JITTER, new Random(1));
        Instant t1 = ARRIVAL.plusSeconds(3);
        RetryDecision first = policy.decide(DeliveryHistory.start(ARRIVAL, List.of("bob@b.test", "dave@b.test")),
            List.of(delivered("bob@b.test", t1), temporary("dave@b.test", t1)), t1);
        Instant t2 = first.retryAt().orElseThrow();

        RetryDecision second = policy.decide(first.history(), List.of(temporary("dave@b.test", t2)), t2);
        assertThat(second.delivered()).isEmpty();
        assertThat(second.failed()).isEmpty();

        assertThatThrownBy(() -> policy.decide(first.history(), List.of(delivered("bob@b.test", t2)), t2))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("bob@b.test").hasMessageContaining("DELIVERED");
    }

    @Test
    void resultsMustBeForPendingRecipientsOfThisMailOnce() {
        RetryPolicy policy = new RetryPolicy(NO_JITTER, new Random(1));
        DeliveryHistory history = DeliveryHistory.start(ARRIVAL, List.of("bob@b.test"));
        assertThatThrownBy(() -> policy.decide(history, List.of(temporary("eve@e.test", ARRIVAL)), ARRIVAL))
            .hasMessageContaining("does not have: eve@e.test");
        assertThatThrownBy(() -> policy.decide(history,
            List.of(temporary("bob@b.test", ARRIVAL), temporary("bob@b.test", ARRIVAL)), ARRIVAL))
            .hasMessageContaining("two results for bob@b.test");
    }

    @Test
    void allFinalMeansComplete() {
        Instant now = ARRIVAL.plusSeconds(1);
        RetryDecision d = new RetryPolicy(NO_JITTER, new Random(1)).decide(
            DeliveryHistory.start(ARRIVAL, List.of("bob@b.test", "dave@b.test")),
            List.of(delivered("bob@b.test", now), permanent("dave@b.test", now)), now);
        assertThat(d.action()).isEqualTo(RetryDecision.Action.COMPLETE);
        assertThat(d.retryAt()).isEmpty();
        assertThat(d.history().nextAttempt()).isEmpty();
        assertThat(names(d.failed())).containsExactly("dave@b.test");
    }

    /** One decision for one temporarily failing recipient, with jitter off; warnAfter 4h, maxAge 5d. */
    @ParameterizedTest
    @CsvSource({
        // age at decision, attempts before, warned before, action,          retry in
        "0,                 0,               false,         RETRY_AT,        5m",
        "10m,               2,               false,         RETRY_AT,        20m",
        "3h,                5,               false,         RETRY_AT,        4000s",
        "4h,                5,               false,         WARN_THEN_RETRY, 4000s",
        "5h,                6,               true,          RETRY_AT,        4000s",
        "5h,                6,               false,         WARN_THEN_RETRY, 4000s",
        "7190m,             80,              true,          RETRY_AT,        10m",
        "7199m,             80,              false,         WARN_THEN_RETRY, 1m",
        "5d,                81,              true,          GIVE_UP,         -",
        "6d,                81,              false,         GIVE_UP,         -",
    })
    void decisionTable(String age, int attemptsBefore, boolean warned, RetryDecision.Action action, String retryIn) {
        Instant now = ARRIVAL.plus(DurationText.parse(age));
        DeliveryHistory history = DeliveryHistory.of(ARRIVAL, attemptsBefore,
            List.of(RecipientRecord.pending("bob@b.test")), warned, Optional.of(now));

        RetryDecision d = new RetryPolicy(NO_JITTER, new Random(1))
            .decide(history, List.of(temporary("bob@b.test", now)), now);

        assertThat(d.action()).isEqualTo(action);
        assertThat(d.history().attempts()).isEqualTo(attemptsBefore + 1);
        assertThat(d.history().warningSent()).isEqualTo(warned || action == RetryDecision.Action.WARN_THEN_RETRY);
        if (retryIn.equals("-")) {
            assertThat(d.retryAt()).isEmpty();
            assertThat(names(d.expired())).containsExactly("bob@b.test");
            assertThat(d.reason()).isEqualTo("maxQueueLifetime 5d reached");
        } else {
            assertThat(d.retryAt()).contains(now.plus(DurationText.parse(retryIn)));
            assertThat(d.remaining()).extracting(RecipientRecord::recipient).containsExactly("bob@b.test");
        }
    }

    @Test
    void givingUpFailsPendingRecipientsWith447KeepingTheirLastReply() {
        Instant earlier = ARRIVAL.plus(Duration.ofDays(4));
        Instant now = ARRIVAL.plus(Duration.ofDays(5));
        AttemptResult lastTime = temporary("carol@c.test", earlier);
        DeliveryHistory history = DeliveryHistory.of(ARRIVAL, 70, List.of(
            RecipientRecord.of("carol@c.test", RecipientRecord.State.PENDING, Optional.of(lastTime)),
            RecipientRecord.pending("zed@z.test")), true, Optional.of(now));

        // This attempt only reached carol's server; zed's was never tried (no result ever).
        RetryDecision d = new RetryPolicy(NO_JITTER, new Random(1)).decide(history, List.of(), now);

        assertThat(d.action()).isEqualTo(RetryDecision.Action.GIVE_UP);
        assertThat(d.expired()).hasSize(2);
        AttemptResult carol = d.expired().get(0);
        assertThat(carol.status()).hasToString("4.4.7");
        assertThat(carol.reply()).contains(SmtpReply.parse("452 4.2.2 mailbox full"));
        assertThat(carol.remoteMta()).contains("mx.b.test");
        assertThat(carol.at()).isEqualTo(earlier);
        AttemptResult zed = d.expired().get(1);
        assertThat(zed.status()).hasToString("4.4.7");
        assertThat(zed.reply()).isEmpty();
        assertThat(zed.at()).isEqualTo(now);
        assertThat(d.failureReport()).isEqualTo(d.expired());
        assertThat(d.history().recipients()).extracting(RecipientRecord::state)
            .containsOnly(RecipientRecord.State.FAILED);
        assertThat(d.history().nextAttempt()).isEmpty();
        assertThat(DeliveryHistory.parse(d.history().toText())).isEqualTo(d.history());
    }

    @Test
    void maxAttemptsGivesUpEarly() {
        RetryPolicyConfig config = RetryPolicyConfig.of(RetrySchedule.defaults(), Duration.ofHours(4),
            Duration.ofDays(5), OptionalInt.of(3));
        RetryPolicy policy = new RetryPolicy(config, new Random(3));
        DeliveryHistory history = DeliveryHistory.start(ARRIVAL, List.of("bob@b.test"));
        Instant now = ARRIVAL;
        List<RetryDecision.Action> actions = new java.util.ArrayList<>();
        RetryDecision d;
        do {
            d = policy.decide(history, List.of(temporary("bob@b.test", now)), now);
            actions.add(d.action());
            history = d.history();
            now = d.retryAt().orElse(now);
        } while (d.action() != RetryDecision.Action.GIVE_UP);
        assertThat(actions).containsExactly(RetryDecision.Action.RETRY_AT, RetryDecision.Action.RETRY_AT,
            RetryDecision.Action.GIVE_UP);
        assertThat(d.reason()).isEqualTo("maxAttempts 3 reached");
    }

    @Test
    void warnAfterZeroNeverWarns() {
        RetryPolicyConfig config = RetryPolicyConfig.of(RetrySchedule.defaults(), Duration.ZERO, Duration.ofDays(5),
            OptionalInt.empty());
        List<RetryDecision> run = simulate(new RetryPolicy(config, new Random(5)), config);
        assertThat(run).extracting(RetryDecision::action).doesNotContain(RetryDecision.Action.WARN_THEN_RETRY);
    }

    @Test
    void aClockBehindTheArrivalStampCountsAsAgeZero() {
        Instant now = ARRIVAL.minusSeconds(30);
        RetryDecision d = new RetryPolicy(NO_JITTER, new Random(1)).decide(
            DeliveryHistory.start(ARRIVAL, List.of("bob@b.test")), List.of(temporary("bob@b.test", now)), now);
        assertThat(d.action()).isEqualTo(RetryDecision.Action.RETRY_AT);
        assertThat(d.retryAt()).contains(now.plus(Duration.ofMinutes(5)));
    }

    /**
     * Property, over many seeds and a few configurations: every delay is within the cap, no attempt
     * is scheduled after the deadline, the warning goes out exactly once at the first attempt at
     * least warnAfter old, and giving up happens exactly at arrival + maxAge. The history crosses
     * a "restart" (text round trip) between every two attempts.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "exponential               | 4h  | 5d",
        "5m, 10m, 20m, 1h*10, 4h   | 4h  | 5d",
        "1m, 2m                    | 10m | 1h",
        "7h                        | 1h  | 1d",
    })
    void overManySeedsDelaysStayUnderTheCapWarnOnceAndGiveUpExactlyAtMaxAge(String spec, String warnAfter,
                                                                           String maxAge) {
        RetrySchedule schedule = spec.equals("exponential") ? RetrySchedule.defaults() : RetrySchedule.parse(spec);
        RetryPolicyConfig config = RetryPolicyConfig.of(schedule.withJitter(0.3), DurationText.parse(warnAfter),
            DurationText.parse(maxAge), OptionalInt.empty());
        Instant deadline = ARRIVAL.plus(config.maxAge());
        for (long seed = 0; seed < 200; seed++) {
            List<RetryDecision> run = simulate(new RetryPolicy(config, new Random(seed)), config);
            RetryDecision last = run.get(run.size() - 1);
            assertThat(last.action()).isEqualTo(RetryDecision.Action.GIVE_UP);
            assertThat(last.history().attempts()).isEqualTo(run.size());
            assertThat(run.stream().filter(d -> d.action() == RetryDecision.Action.GIVE_UP)).hasSize(1);
            assertThat(run.stream().filter(d -> d.action() == RetryDecision.Action.WARN_THEN_RETRY)).hasSize(1);
            Instant now = ARRIVAL;
            boolean warned = false;
            for (RetryDecision d : run) {
                boolean old = !now.isBefore(ARRIVAL.plus(config.warnAfter()));
                assertThat(d.action() == RetryDecision.Action.WARN_THEN_RETRY).isEqualTo(old && !warned
                    && d.action() != RetryDecision.Action.GIVE_UP);
                warned |= d.action() == RetryDecision.Action.WARN_THEN_RETRY;
                if (d.action() == RetryDecision.Action.GIVE_UP) {
                    assertThat(now).isEqualTo(deadline);
                } else {
                    Instant next = d.retryAt().orElseThrow();
                    assertThat(Duration.between(now, next)).isPositive().isLessThanOrEqualTo(schedule.cap());
                    assertThat(next).isBeforeOrEqualTo(deadline);
                    now = next;
                }
            }
        }
    }

    /** Attempts at each decided instant, always failing temporarily, until the policy gives up. */
    private static List<RetryDecision> simulate(RetryPolicy policy, RetryPolicyConfig config) {
        List<RetryDecision> run = new java.util.ArrayList<>();
        DeliveryHistory history = DeliveryHistory.start(ARRIVAL, List.of("bob@b.test"));
        Instant now = ARRIVAL;
        while (true) {
            RetryDecision d = policy.decide(history, List.of(temporary("bob@b.test", now)), now);
            run.add(d);
            if (d.retryAt().isEmpty()) {
                return run;
            }
            if (run.size() > 10_000) {
                throw new AssertionError("runaway schedule " + config);
            }
            history = DeliveryHistory.parse(d.history().toText());
            now = d.retryAt().get();
        }
    }
}
