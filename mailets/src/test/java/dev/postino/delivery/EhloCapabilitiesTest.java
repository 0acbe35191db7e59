package dev.postino.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EhloCapabilitiesTest {

    @Test
    void readsTheKeywordsTheCourierUses() {
        EhloCapabilities capabilities = EhloCapabilities.parse(List.of(
            "250-mx.b.test greets a.test", "250-SIZE 35882577", "250-8BITMIME", "250-STARTTLS",
            "250-AUTH PLAIN login XOAUTH2", "250-ENHANCEDSTATUSCODES", "250-PIPELINING", "250 DSN"));

        assertThat(capabilities.size()).isTrue();
        assertThat(capabilities.sizeLimit()).isEqualTo(35882577L);
        assertThat(capabilities.eightBitMime()).isTrue();
        assertThat(capabilities.startTls()).isTrue();
        assertThat(capabilities.authMechanisms()).containsExactly("PLAIN", "LOGIN", "XOAUTH2");
        assertThat(capabilities.pipelining()).isTrue();
        assertThat(capabilities.dsn()).isTrue();
    }

    @Test
    void theGreetingLineIsNotAKeyword() {
        EhloCapabilities capabilities = EhloCapabilities.parse(List.of("250 STARTTLS is my name"));

        assertThat(capabilities.startTls()).isFalse();
    }

    @Test
    void readsTheOldAuthEqualsForm() {
        EhloCapabilities capabilities = EhloCapabilities.parse(List.of("250-mx", "250 AUTH=LOGIN PLAIN"));

        assertThat(capabilities.authMechanisms()).containsExactly("LOGIN", "PLAIN");
    }

    @ParameterizedTest(name = "{0} -> offered {1}, limit {2}")
    @CsvSource({
        "'250 SIZE',             true,  0",
        "'250 SIZE 0',           true,  0",
        "'250 SIZE 1000',        true,  1000",
        "'250 size 1000',        true,  1000",
        "'250 SIZE lots',        true,  0",
        "'250 8BITMIME',         false, 0",
    })
    void readsSize(String line, boolean offered, long limit) {
        EhloCapabilities capabilities = EhloCapabilities.parse(List.of("250-mx", line));

        assertThat(capabilities.size()).isEqualTo(offered);
        assertThat(capabilities.sizeLimit()).isEqualTo(limit);
    }
}
