package dev.postino.core.deliverability;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HeloNameCheckTest {
    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
        "mx.example.com         | ",
        "MX.Example.COM.        | ",
        "mail                   | it has a single label",
        "localhost              | it has a single label",
        "mail.localdomain       | '.localdomain' is not a public top-level domain",
        "host.local             | '.local' is not a public top-level domain",
        "192.0.2.1              | it is an address, not a name",
        "[192.0.2.1]            | it is an address, not a name",
        "bad_name.example.com   | 'bad_name' is not a valid DNS label",
        "''                     | it is empty",
    })
    void judgesTheName(String name, String problem) {
        assertThat(HeloNameCheck.problem(name).orElse(null)).isEqualTo(problem);
    }
}
