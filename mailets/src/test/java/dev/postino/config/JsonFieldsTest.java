package dev.postino.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.postino.core.BadField;

class JsonFieldsTest {
    // Each of these once went through as its first (or last) part: a PUT answered 204 with a route or limit
    // the administrator did not write.
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "{\"host\": \"relay.test\", \"port\": 2525, \"port\": 0}",
        "{\"host\": \"relay.test\"} {\"port\": 0}",
        "{\"host\": \"relay.test\"}}",
        "{\"inbound\": \"2M\"},",
    })
    void aBodyThatIsNotOneJsonObjectIsRefusedNamingTheBody(String body) {
        assertThatThrownBy(() -> JsonFields.parse(body)).isInstanceOfSatisfying(BadField.class,
            e -> assertThat(e.getMessage()).startsWith("body: is not valid JSON"));
    }
}
