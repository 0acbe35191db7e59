package dev.postino.it.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.postino.it.harness.Alice;
import dev.postino.it.harness.MxLab;
import dev.postino.it.harness.PostinoJames;
import dev.postino.testing.peer.Phase;
import dev.postino.testing.peer.ScriptedSmtpPeer;

/**
 * A first attempt (RouteByMx {@code immediateAttempts}) never waits for a delivery slot: when the
 * destination already has {@code maxConnectionsPerDestination} deliveries in progress, the mail
 * is queued as it is — not counted as a failed attempt — and a delivery worker takes it as soon
 * as a slot frees.
 */
class BusyDestinationTest {
    private static MxLab lab;
    private static PostinoJames a;
    private static Alice alice;

    @BeforeAll
    static void start() {
        lab = MxLab.start();
        // Retries an hour apart: a mail that counted a busy slot as an attempt would not arrive in time.
        a = lab.postino("a")
            .editConf("mailetcontainer.xml", MxLab.routeByMx(
                "<maxConnectionsPerDestination>2</maxConnectionsPerDestination><retrySchedule>1h</retrySchedule>"))
            .build().start();
        alice = new Alice(a);
    }

    @AfterAll
    static void stop() {
        if (a != null) {
            a.close();
        }
        lab.close();
    }

    @Test
    void aFirstAttemptThatFindsNoFreeSlotIsQueuedWithoutCountingAsAnAttempt() {
        lab.zone().mx("narrow.test", 10, "mx.narrow.test").a("mx.narrow.test", "127.0.0.2");
        ScriptedSmtpPeer narrow = lab.peer("127.0.0.2");
        narrow.script().on(Phase.END_OF_DATA).delay(Duration.ofSeconds(3)).reply("250 2.0.0 queued after a while").always();

        for (int i = 0; i < 6; i++) {
            alice.send("narrow " + i, "someone@narrow.test");
        }

        assertThat(narrow.awaitMessages(6, Duration.ofSeconds(60))).hasSize(6);
        assertThat(alice.dsnsAbout("narrow")).isEmpty();
    }
}
