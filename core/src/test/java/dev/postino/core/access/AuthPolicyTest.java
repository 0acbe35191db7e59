package dev.postino.core.access;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AuthPolicyTest {
    @ParameterizedTest(name = "tls={0} announced={1} → {2}")
    @CsvSource({
        "false, false, 538 5.7.11 Encryption required: issue STARTTLS first",
        "true,  false, 503 5.5.1 AUTH is not offered on this port",
        "true,  true,  run",
        "false, true,  run",
    })
    void refusesAuthThatWasNotAnnounced(boolean tls, boolean announced, String expected) {
        String actual = AuthPolicy.refusal(tls, announced).map(Object::toString).orElse("run");
        assertThat(actual).isEqualTo(expected);
    }
}
