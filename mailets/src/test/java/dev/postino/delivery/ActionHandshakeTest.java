package dev.postino.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;

class ActionHandshakeTest {
    private final ActionHandshake handshake = new ActionHandshake();

    @Test
    void aWatchSeesOnlyTheMailsThatLeftWhileItWasOpen() {
        handshake.left("before");
        ActionHandshake.Watch watch = handshake.watch();
        handshake.left("during");
        watch.close();
        handshake.left("after");

        assertThat(watch.left("during")).isTrue();
        assertThat(watch.left("before")).isFalse();
        assertThat(watch.left("after")).isFalse();
    }

    @Test
    void aMailNobodyAnnouncedIsDeliverable() throws Exception {
        assertThat(handshake.deliverable("Mail1")).isTrue();
    }

    @Test
    void aWorkerWaitsForAnAnnouncedReplacementAndDropsAWithdrawnOne() throws Exception {
        handshake.announce("Mail1~1");
        CompletableFuture<Boolean> worker = CompletableFuture.supplyAsync(() -> {
            try {
                return handshake.deliverable("Mail1~1");
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        // Still waiting: the replacement is not settled yet.
        assertThatThrownBy(() -> worker.get(300, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);

        handshake.settle("Mail1~1", false);

        assertThat(worker.get(5, TimeUnit.SECONDS)).isFalse();
        assertThat(handshake.deliverable("Mail1~1")).isTrue();
    }

    @Test
    void aKeptReplacementIsDelivered() throws Exception {
        handshake.announce("Mail2~1");
        handshake.settle("Mail2~1", true);

        assertThat(handshake.deliverable("Mail2~1")).isTrue();
    }
}
