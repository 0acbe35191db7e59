package dev.postino.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
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

    // U+D800 escaped in JSON has no UTF-8 form: once written to routes.json as '?', then a 500 "nothing changed".
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "{\"host\": \"r.test\", \"auth\": {\"username\": \"u\", \"password\": \"\\ud800\"}} | auth.password",
        "{\"hosts\": [\"a.test\", \"x\\udc00y\"]}                                   | hosts[1]",
        "{\"auth\": {\"\\ud800\": 1}}                                                 | auth",
        "{\"\\ud800\": 1}                                                               | body",
    })
    void aLoneSurrogateIsRefusedNamingItsField(String body, String field) {
        assertThatThrownBy(() -> JsonFields.parse(body)).isInstanceOfSatisfying(BadField.class,
            e -> assertThat(e.getMessage()).isEqualTo(field + ": " + JsonFields.LONE_SURROGATE));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"{\"password\": \"\\ud83d\\ude00 pair\"}", "{\"password\": \"\u00e9\"}"})
    void aSurrogatePairIsAValueLikeAnyOther(String body) {
        assertThat(JsonFields.loneSurrogateIn(JsonFields.parse(body))).isEmpty();
    }
}
