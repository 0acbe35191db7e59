package dev.postino.core.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.postino.core.smtp.EnhancedStatus;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReceivedLoopPolicyTest {
    @ParameterizedTest(name = "{0} Received: with limit {1} → refused={2}")
    @CsvSource({
        "0,   100, false",
        "99,  100, false",
        "100, 100, false",
        "101, 100, true",
        "500, 100, true",
        "1,   1,   false",
        "2,   1,   true",
    })
    void theLimitIsTheLargestCountStillDelivered(int count, int limit, boolean refused) {
        Optional<RouteFailure> failure = new ReceivedLoopPolicy(limit).check(count);

        assertThat(failure.isPresent()).isEqualTo(refused);
        failure.ifPresent(f -> {
            assertThat(f.status()).isEqualTo(EnhancedStatus.parse("5.4.6"));
            assertThat(f.isPermanent()).isTrue();
            assertThat(f.text()).isEqualTo("mail loop: " + count + " Received: header fields, more than the limit of " + limit);
        });
    }

    @Test
    void theDefaultLimitIsRfc5321s100() {
        ReceivedLoopPolicy policy = ReceivedLoopPolicy.withDefaults();

        assertThat(policy.limit()).isEqualTo(100);
        assertThat(policy.check(100)).isEmpty();
        assertThat(policy.check(101)).isPresent();
    }

    @Test
    void nonsenseIsRejected() {
        assertThatThrownBy(() -> new ReceivedLoopPolicy(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReceivedLoopPolicy.withDefaults().check(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
