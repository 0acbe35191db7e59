package dev.postino.it.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.postino.it.harness.Alice;
import dev.postino.it.harness.DelayIgnoringQueues;
import dev.postino.it.harness.MxLab;
import dev.postino.it.harness.PostinoJames;
import dev.postino.testing.peer.Phase;
import dev.postino.testing.peer.ScriptedSmtpPeer;

// alice → A [queue that ignores delays, like RabbitMQ; retry every 4s] → MX answers 451 → attempts stay 4s apart, no hot loop
class DelayIgnoringQueueTest {
    private static MxLab lab;
    private static PostinoJames a;
    private static Alice alice;

    @BeforeAll
    static void start() {
        lab = MxLab.start();
        a = lab.postino("a")
            .override(DelayIgnoringQueues.module())
            .editConf("mailetcontainer.xml", MxLab.routeByMx(
                "<retrySchedule>4s</retrySchedule><retryJitter>0</retryJitter><delayWarningAfter>0</delayWarningAfter>"
                    + "<maxQueueLifetime>10m</maxQueueLifetime><deadHostTime>0</deadHostTime>"
                    + "<deferredSweepInterval>1s</deferredSweepInterval>"))
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
    void theScheduleHoldsWhenTheQueueIgnoresDelays() {
        lab.zone().mx("slow.test", 10, "mx.slow.test").a("mx.slow.test", "127.0.0.2");
        ScriptedSmtpPeer mx = lab.peer("127.0.0.2");
        mx.script().on(Phase.RCPT).reply("451 4.3.0 try again").times(3);

        long started = System.nanoTime();
        alice.send("steady", "bob@slow.test");

        assertThat(mx.awaitMessages(1, Duration.ofSeconds(60))).hasSize(1);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        long rcpts = mx.connections().stream().flatMap(c -> c.verbs().stream()).filter("RCPT"::equals).count();
        assertThat(rcpts).as("3 refusals + 1 success, not a spin").isBetween(4L, 5L);
        assertThat(took).as("three 4 s waits were honoured").isGreaterThanOrEqualTo(Duration.ofSeconds(11));
        assertThat(DelayIgnoringQueues.IGNORED_DELAYS.get()).as("the queue really ignored our delays").isGreaterThanOrEqualTo(3);
    }
}
