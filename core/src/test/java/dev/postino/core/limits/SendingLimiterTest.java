package dev.postino.core.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class SendingLimiterTest {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private final MutableClock clock = new MutableClock(T0);
    private final InMemorySendCounterStore store = new InMemorySendCounterStore();
    private LimitTable overrides = LimitTable.empty();
    private final LimitTable configured = LimitTable.empty().withDefaults(LimitSet.empty()
        .with(LimitKind.MESSAGES_PER_HOUR, 3).with(LimitKind.RECIPIENTS_PER_MESSAGE, 5));
    private final SendingLimiter limiter = new SendingLimiter(clock, store,
        user -> LimitResolver.resolve(user, configured, overrides));

    private void send(String user, int recipients) {
        assertThat(limiter.checkMail(user)).isEmpty();
        assertThat(limiter.reserve(user, recipients).reservation()).isPresent();
    }

    @Test
    void threeAnHourThenRefusedThenAgainOnceTheWindowMoved() {
        send("alice@a.test", 1);
        clock.advance(Duration.ofMinutes(10));
        send("alice@a.test", 1);
        send("alice@a.test", 1);
        assertThat(limiter.checkMail("alice@a.test")).map(LimitRefusal::kind).hasValue(LimitKind.MESSAGES_PER_HOUR);
        assertThat(limiter.checkMail("bob@a.test")).as("counted per user").isEmpty();

        clock.set(T0.plus(Duration.ofHours(1)).minusMillis(1));
        assertThat(limiter.checkMail("alice@a.test")).isPresent();
        clock.set(T0.plus(Duration.ofHours(1)));
        assertThat(limiter.checkMail("ALICE@a.test")).as("the 10:00 send has left the hour").isEmpty();
    }

    @Test
    void aReleasedReservationCostsNothing() {
        send("alice@a.test", 1);
        send("alice@a.test", 1);
        Reservation third = limiter.reserve("alice@a.test", 2).reservation().orElseThrow();
        assertThat(limiter.checkMail("alice@a.test")).as("reserved counts at once").isPresent();

        limiter.release(third);
        assertThat(limiter.checkMail("alice@a.test")).isEmpty();
        assertThat(limiter.usage("alice@a.test").window(Window.HOUR).recipients()).isEqualTo(2);
    }

    @Test
    void theEndOfDataCheckRefusesWhatAnotherSessionTookMeanwhile() {
        send("alice@a.test", 1);
        send("alice@a.test", 1);
        assertThat(limiter.checkMail("alice@a.test")).as("session 1 at MAIL").isEmpty();
        assertThat(limiter.checkMail("alice@a.test")).as("session 2 at MAIL").isEmpty();
        assertThat(limiter.reserve("alice@a.test", 1).reservation()).isPresent();
        assertThat(limiter.reserve("alice@a.test", 1).refusal()).map(LimitRefusal::kind).hasValue(LimitKind.MESSAGES_PER_HOUR);
    }

    @Test
    void parallelSessionsNeverCountPastTheLimit() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            results.add(pool.submit(() -> {
                start.await();
                return limiter.reserve("alice@a.test", 1).reservation().isPresent();
            }));
        }
        start.countDown();
        int admitted = 0;
        for (Future<Boolean> result : results) {
            admitted += result.get(10, TimeUnit.SECONDS) ? 1 : 0;
        }
        pool.shutdown();
        assertThat(admitted).isEqualTo(3);
        assertThat(limiter.usage("alice@a.test").window(Window.HOUR).messages()).isEqualTo(3);
    }

    @Test
    void anOverrideAppliesToTheNextDecision() {
        send("alice@a.test", 1);
        overrides = overrides.withUser("alice@a.test", LimitSet.empty().with(LimitKind.MESSAGES_PER_HOUR, 1));
        assertThat(limiter.checkMail("alice@a.test")).isPresent();
        overrides = LimitTable.empty();
        assertThat(limiter.checkMail("alice@a.test")).isEmpty();
    }

    @Test
    void recipientsAreRefusedOneByOneAtThePerMessageLimit() {
        for (int accepted = 0; accepted < 5; accepted++) {
            assertThat(limiter.checkRcpt("alice@a.test", accepted)).isEmpty();
        }
        assertThat(limiter.checkRcpt("alice@a.test", 5)).map(r -> r.reply().code()).hasValue(452);
    }

    @Test
    void usageShowsTheWindowsAndWhenTheNextMessageIsAllowed() {
        send("alice@a.test", 2);
        clock.advance(Duration.ofMinutes(15));
        send("alice@a.test", 1);
        send("alice@a.test", 4);
        clock.advance(Duration.ofMinutes(5));

        SendUsage usage = limiter.usage("Alice@A.test");
        assertThat(usage.user()).isEqualTo("alice@a.test");
        assertThat(usage.at()).isEqualTo(T0.plus(Duration.ofMinutes(20)));
        assertThat(usage.window(Window.HOUR).messages()).isEqualTo(3);
        assertThat(usage.window(Window.HOUR).recipients()).isEqualTo(7);
        assertThat(usage.window(Window.HOUR).nextSlotAt()).hasValue(T0.plus(Duration.ofHours(1)));
        assertThat(usage.window(Window.DAY).nextSlotAt()).hasValue(T0.plus(Duration.ofDays(1)));
        assertThat(usage.nextMessageAt()).hasValue(T0.plus(Duration.ofHours(1)));
        assertThat(usage.nextRecipientAt()).as("2000 an hour: room now").hasValue(usage.at());
        assertThat(usage.limits().limit(LimitKind.MESSAGES_PER_HOUR)).isEqualTo(3);
    }

    @Test
    void idleSendersAreForgottenSoMemoryStaysBounded() {
        for (int i = 0; i < 50; i++) {
            limiter.reserve("user" + i + "@a.test", 1);
        }
        assertThat(store.senders()).isEqualTo(50);

        clock.advance(Duration.ofDays(1).plusMinutes(1));
        limiter.reserve("late@a.test", 1);
        assertThat(store.senders()).as("only the sender of the last day is left").isEqualTo(1);
    }

    @Test
    void releasingTheLastSendRemovesTheSender() {
        Reservation only = limiter.reserve("alice@a.test", 1).reservation().orElseThrow();
        limiter.release(only);
        assertThat(store.senders()).isZero();
    }
}
