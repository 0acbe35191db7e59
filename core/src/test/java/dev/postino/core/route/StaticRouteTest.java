package dev.postino.core.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Webadmin's relay routes: each field checked on its own, the route as the table would write it. */
class StaticRouteTest {
    @ParameterizedTest(name = "{0}:{1} tls={2} mx={3} auth={4} → {5}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        "10.0.0.5         | 2525 | -             | false | -     | smtp:[10.0.0.5]:2525 tls=opportunistic",
        "Relay.Test.      | 25   | NONE          | true  | -     | smtp:relay.test:25 tls=none",
        "2001:db8::25     | 25   | required      | false | -     | smtp:[2001:db8::25]:25 tls=required",
        "smarthost.test   | 587  | -             | false | alice | smtp:[smarthost.test]:587 tls=required auth=alice secret=ref",
        "smarthost.test   | 587  | Required      | false | alice | smtp:[smarthost.test]:587 tls=required auth=alice secret=ref",
        "smarthost.test   | 1    | opportunistic | false | -     | smtp:[smarthost.test]:1 tls=opportunistic",
        "smarthost.test   | 65535| opportunistic | false | -     | smtp:[smarthost.test]:65535 tls=opportunistic",
    })
    void validFieldsMakeTheRouteTheTableWouldWrite(String host, int port, String tls, boolean lookupMx, String user,
                                                   String expected) {
        assertThat(StaticRoute.of(host, port, tls, lookupMx, user).toRoute("ref")).hasToString(expected);
    }

    @ParameterizedTest(name = "{0}:{1} tls={2} mx={3} auth={4} → {5}")
    @CsvSource(delimiter = '|', nullValues = "-", quoteCharacter = '"', value = {
        "-             | 25    | -             | false | -       | host",
        "\"\"          | 25    | -             | false | -       | host",
        "[10.0.0.5]    | 25    | -             | false | -       | host",
        "relay..test   | 25    | -             | false | -       | host",
        "relay_x.test  | 25    | -             | false | -       | host",
        "10.0.0.5      | 25    | -             | true  | -       | lookupMx",
        "relay.test    | 0     | -             | false | -       | port",
        "relay.test    | 65536 | -             | false | -       | port",
        "relay.test    | -1    | -             | false | -       | port",
        "relay.test    | 25    | maybe         | false | -       | tls",
        "relay.test    | 25    | \"\"          | false | -       | tls",
        "relay.test    | 25    | none          | false | alice   | tls",
        "relay.test    | 25    | opportunistic | false | alice   | tls",
        "relay.test    | 25    | -             | false | \"\"    | auth.username",
        "relay.test    | 25    | -             | false | a b     | auth.username",
        "relay.test    | 25    | -             | false | \" a\"  | auth.username",
    })
    void aBadFieldIsNamed(String host, int port, String tls, boolean lookupMx, String user, String field) {
        assertThatThrownBy(() -> StaticRoute.of(host, port, tls, lookupMx, user))
            .isInstanceOfSatisfying(dev.postino.core.BadField.class, e -> assertThat(e.field()).isEqualTo(field))
            .hasMessageStartingWith(field + ": ");
    }
}
