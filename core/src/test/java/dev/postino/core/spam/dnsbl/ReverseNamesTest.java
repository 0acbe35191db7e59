package dev.postino.core.spam.dnsbl;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReverseNamesTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "192.0.2.7,            7.2.0.192",
        "127.0.0.1,            1.0.0.127",
        "[192.0.2.7],          7.2.0.192",
        "::ffff:192.0.2.7,     7.2.0.192",
        // RFC 5782 §2.4's example
        "2001:db8:1:2:3:4:567:89ab, b.a.9.8.7.6.5.0.4.0.0.0.3.0.0.0.2.0.0.0.1.0.0.0.8.b.d.0.1.0.0.2",
        "2001:DB8::1,          1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2",
        "[IPv6:::1],           1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0",
    })
    void addressesAreReversedAsRfc5782Says(String address, String reversed) {
        assertThat(ReverseNames.of(address)).contains(reversed);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"mail.example.org", "192.0.2", "192.0.2.300", "1:2:3", "1::2::3", "12345::1", "1:2:3:4:5:6:7:8:9"})
    void namesThatAreNotAddressLiteralsGiveNothing(String notAnAddress) {
        assertThat(ReverseNames.of(notAnAddress)).isEmpty();
    }
}
