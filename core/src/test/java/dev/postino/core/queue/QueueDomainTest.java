package dev.postino.core.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QueueDomainTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "b.test              | b.test",
        "B.Test.             | b.test",
        "xn--bcher-kva.test  | xn--bcher-kva.test",
        "1a.test             | 1a.test",
        "localhost           | localhost",
        "[192.0.2.1]         | [192.0.2.1]",
        "[IPv6:2001:db8::1]  | [ipv6:2001:db8::1]",
    })
    void acceptsDomainsAndAddressLiterals(String text, String normalized) {
        assertThat(QueueDomain.parse(text)).isEqualTo(normalized);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''              | must not be empty",
        "b..test         | '' is not a domain label",
        "-b.test         | '-b' is not a domain label",
        "b_c.test        | 'b_c' is not a domain label",
        "bob@b.test      | 'bob@b' is not a domain label",
        "bücher.test     | 'bücher' is not a domain label",
        "b.test/x        | 'test/x' is not a domain label",
        "[192.0.2]       | '[192' is not a domain label",
    })
    void refusesWhatIsNoDomainSayingWhy(String text, String message) {
        assertThatThrownBy(() -> QueueDomain.parse(text))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining(message);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "bob@b.test          | b.test",
        "Bob@B.Test.         | b.test",
        "\"a@b\"@c.test      | c.test",
        "x@[192.0.2.1]       | [192.0.2.1]",
    })
    void groupsAddressesByTheirDomain(String address, String domain) {
        assertThat(QueueDomain.ofAddress(address)).isEqualTo(domain);
    }
}
