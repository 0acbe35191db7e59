package dev.postino.core.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.postino.core.smtp.EnhancedStatus;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RouteTest {
    private static final Route RELAY = Route.relay("Smarthost.Test.", 587, false, TlsPolicy.REQUIRED,
        RelayAuth.of("postino", "vault-key"));

    @Test
    void eachKindAnswersItsOwnAccessors() {
        assertThat(Route.local().kind()).isEqualTo(Route.Kind.LOCAL);
        assertThat(Route.mx("B.Test.").domain()).isEqualTo("b.test");
        assertThat(RELAY.host()).isEqualTo("smarthost.test");
        assertThat(RELAY.port()).isEqualTo(587);
        assertThat(RELAY.lookupMx()).isFalse();
        assertThat(RELAY.tlsPolicy()).isEqualTo(TlsPolicy.REQUIRED);
        assertThat(RELAY.auth()).contains(RelayAuth.of("postino", "vault-key"));
        assertThat(Route.relay("relay.test", 25, true, TlsPolicy.NONE).auth()).isEmpty();
        Route refuse = Route.refuse(EnhancedStatus.parse("5.7.1"), " go away ");
        assertThat(refuse.status()).isEqualTo(EnhancedStatus.parse("5.7.1"));
        assertThat(refuse.text()).isEqualTo("go away");
    }

    @Test
    void anAccessorOfAnotherKindThrows() {
        List<Function<Route, Object>> relayOnly = List.of(Route::host, Route::port, Route::lookupMx,
            Route::tlsPolicy, Route::auth);
        for (Function<Route, Object> accessor : relayOnly) {
            assertThatThrownBy(() -> accessor.apply(Route.local()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("route is LOCAL, not RELAY");
        }
        assertThatThrownBy(() -> RELAY.domain()).hasMessageStartingWith("route is RELAY, not MX");
        assertThatThrownBy(() -> Route.mx("b.test").status()).hasMessageStartingWith("route is MX, not REFUSE");
        assertThatThrownBy(() -> RELAY.text()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void equalRoutesAreEqualAndHashAlike() {
        Route same = Route.relay("smarthost.test", 587, false, TlsPolicy.REQUIRED, RelayAuth.of("postino", "vault-key"));

        assertThat(same).isEqualTo(RELAY).hasSameHashCodeAs(RELAY);
        assertThat(Route.mx("b.test")).isEqualTo(Route.mx("B.TEST")).isNotEqualTo(Route.mx("c.test"));
        assertThat(Route.relay("r.test", 25, true, TlsPolicy.NONE))
            .isNotEqualTo(Route.relay("r.test", 25, false, TlsPolicy.NONE))
            .isNotEqualTo(Route.relay("r.test", 26, true, TlsPolicy.NONE))
            .isNotEqualTo(Route.relay("r.test", 25, true, TlsPolicy.REQUIRED));
        assertThat(Route.refuse(EnhancedStatus.parse("5.7.1"), "a"))
            .isNotEqualTo(Route.refuse(EnhancedStatus.parse("4.7.1"), "a"));
    }

    @ParameterizedTest(name = "{0}:{1} lookupMx={2}")
    @CsvSource({
        "10.0.0.5, 25, true, is an IP address and has no MX records",
        "relay..test, 25, false, neither a host name nor an IP address",
        "relay.test, 0, false, port must be 1..65535",
        "relay.test, 65536, false, port must be 1..65535",
    })
    void aBadRelayIsRejected(String host, int port, boolean lookupMx, String message) {
        assertThatThrownBy(() -> Route.relay(host, port, lookupMx, TlsPolicy.OPPORTUNISTIC))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining(message);
    }

    @Test
    void aRefusalNeedsAFailureStatusAndAText() {
        assertThatThrownBy(() -> Route.refuse(EnhancedStatus.parse("2.0.0"), "ok"))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Route.refuse(EnhancedStatus.parse("5.7.1"), "  "))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void relayAuthIsOneWordEach() {
        assertThatThrownBy(() -> RelayAuth.of("two words", "ref")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RelayAuth.of("user", "")).isInstanceOf(IllegalArgumentException.class);
        assertThat(RelayAuth.of("u", "r")).hasToString("auth=u secret=r");
    }
}
