package dev.postino.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class DestinationGuardTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T07:00:00Z"), ZoneOffset.UTC);

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
