package dev.postino.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MailCopiesTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Mail1700-abc             | 1 | Mail1700-abc~1",
        "Mail1700-abc~1           | 1 | Mail1700-abc~2",
        "Mail1700-abc~9           | 2 | Mail1700-abc~11",
        "Mail1700-abc-!1234567    | 1 | Mail1700-abc-!1234567~1",
        "name~with~tildes~3       | 1 | name~with~tildes~4",
        "odd~                     | 1 | odd~~1",
    })
    void aReplacementNeverTakesTheNameOfTheMailItReplaces(String name, int step, String renamed) {
        assertThat(MailCopies.renamed(name, step)).isEqualTo(renamed).isNotEqualTo(name);
    }
}
