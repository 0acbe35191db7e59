package dev.postino.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

class DestinationGuardTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T07:00:00Z"), ZoneOffset.UTC);

    @Test
    void theSlotsOfADestinationNobodyHoldsOrWaitsForAreDropped() throws Exception {
        DestinationGuard guard = new DestinationGuard(1, Duration.ofMinutes(1), CLOCK);
        for (int i = 0; i < 20_000; i++) {
            assertThat(guard.acquire("d" + i + ".test", Duration.ZERO)).isTrue();
            guard.release("d" + i + ".test");
        }
        assertThat(guard.acquire("busy.test", Duration.ZERO)).isTrue();
        assertThat(guard.acquire("busy.test", Duration.ZERO)).as("the limit of 1 holds").isFalse();

        assertThat(guard.destinationsWithSlots()).as("only busy.test, held").isEqualTo(1);
        guard.release("busy.test");
        assertThat(guard.destinationsWithSlots()).isZero();
        assertThat(guard.acquire("busy.test", Duration.ZERO)).as("dropped slots come back whole").isTrue();
        assertThat(guard.acquire("busy.test", Duration.ZERO)).as("and not one more").isFalse();
    }

    @Test
    void aDeliveryWaitingForASlotKeepsTheDestinationAndItsLimit() throws Exception {
        DestinationGuard guard = new DestinationGuard(1, Duration.ofMinutes(1), CLOCK);
        assertThat(guard.acquire("b.test", Duration.ZERO)).isTrue();
        AtomicBoolean waiterGotIt = new AtomicBoolean();
        Thread waiter = new Thread(() -> {
            try {
                waiterGotIt.set(guard.acquire("b.test", Duration.ofSeconds(30)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        waiter.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> waiter.getState() == Thread.State.TIMED_WAITING);

        guard.release("b.test");
        waiter.join(10_000);

        assertThat(waiterGotIt).as("the waiter got the slot released").isTrue();
        assertThat(guard.inFlight("b.test")).isEqualTo(1);
        assertThat(guard.acquire("b.test", Duration.ZERO)).as("still one at a time").isFalse();
        guard.release("b.test");
        assertThat(guard.destinationsWithSlots()).isZero();
    }

    @Test
    void keepsTheDestinationsAttemptedMostRecentlyListedByName() {
        DestinationGuard guard = new DestinationGuard(2, Duration.ofMinutes(1), CLOCK, 3);
        for (String domain : List.of("d.test", "a.test", "c.test", "b.test")) {
            guard.recordAttempt(domain, List.of("192.0.2.1"), true, Optional.empty());
        }
        guard.recordAttempt("a.test", List.of("192.0.2.1"), true, Optional.empty()); // a.test: recent again

        guard.recordAttempt("e.test", List.of("192.0.2.1"), true, Optional.empty());

        assertThat(guard.statuses()).extracting(DestinationStatus::destination)
            .as("d.test and c.test were attempted least recently").containsExactly("a.test", "b.test", "e.test");
    }

    @Test
    void theMemoryOfRefusingAddressesDropsExpiredEntriesWhenItGrows() {
        Instant[] now = {Instant.parse("2026-11-27T07:00:00Z")};
        Clock moving = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now[0];
            }
        };
        DestinationGuard guard = new DestinationGuard(2, Duration.ofMinutes(1), moving, 2);
        guard.markDead("192.0.2.1");
        guard.markDead("192.0.2.2");
        now[0] = now[0].plus(Duration.ofMinutes(2));

        guard.markDead("192.0.2.3");

        assertThat(guard.isDead("192.0.2.3")).isTrue();
        assertThat(guard.deadAddresses()).containsExactly("192.0.2.3");
    }
}
