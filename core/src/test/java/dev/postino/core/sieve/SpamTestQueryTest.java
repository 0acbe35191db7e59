package dev.postino.core.sieve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.postino.core.sieve.SpamTestQuery.MatchType;

class SpamTestQueryTest {
    @ParameterizedTest(name = "{0} {1} {2} \"{3}\" on \"{4}\" → {5}")
    @CsvSource({
        // the rule: numbers compared as numbers, 10 >= 5 although "10" < "5" as text
        "VALUE, ge, i;ascii-numeric, 5, 10, true",
        "VALUE, ge, i;ascii-numeric, 5, 5, true",
        "VALUE, ge, i;ascii-numeric, 5, 4, false",
        "VALUE, ge, i;ascii-numeric, 5, 0, false",
        "VALUE, gt, i;ascii-numeric, 5, 6, true",
        "VALUE, lt, i;ascii-numeric, 3, 2, true",
        "VALUE, le, i;ascii-numeric, 3, 4, false",
        "VALUE, eq, i;ascii-numeric, 07, 7, true",
        "VALUE, ne, i;ascii-numeric, 7, 7, false",
        // RFC 4790 §9.1: a key without a leading digit is infinity
        "VALUE, lt, i;ascii-numeric, x, 10, true",
        // i;ascii-casemap orders as text
        "VALUE, ge, i;ascii-casemap, 5, 10, false",
        "COUNT, eq, i;ascii-numeric, 1, 7, true",
        "COUNT, gt, i;ascii-numeric, 1, 7, false",
        "IS, , i;ascii-casemap, 10, 10, true",
        "IS, , i;ascii-numeric, 010, 10, true",
        "IS, , i;octet, 1, 10, false",
        "CONTAINS, , i;ascii-casemap, 0, 10, true",
        "CONTAINS, , i;octet, 2, 10, false",
        "MATCHES, , i;ascii-casemap, 1?, 10, true",
        "MATCHES, , i;ascii-casemap, 1?, 1, false",
        "MATCHES, , i;octet, *0, 10, true",
        "MATCHES, , i;octet, \\*, *, true",
        "MATCHES, , i;octet, \\*, 1, false",
    })
    void comparesTheLevelAsWritten(MatchType type, String relation, String comparator, String key, String value,
            boolean expected) {
        SpamTestQuery query = SpamTestQuery.of(type, relation == null ? null : SieveRelation.byName(relation),
            SieveComparator.byName(comparator), key);

        assertThat(query.matches(value)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} {1} {2} → {3}")
    @CsvSource(delimiter = '|', value = {
        "VALUE | | i;ascii-numeric | :value needs a relation",
        "IS | ge | i;ascii-numeric | a relation is only valid after :value or :count",
        "CONTAINS | | i;ascii-numeric | :contains cannot be used with comparator i;ascii-numeric",
        "MATCHES | | i;ascii-numeric | :matches cannot be used with comparator i;ascii-numeric",
    })
    void refusesWhatTheRfcsDoNotDefine(MatchType type, String relation, String comparator, String message) {
        assertThatThrownBy(() -> SpamTestQuery.of(type, relation == null ? null : SieveRelation.byName(relation),
            SieveComparator.byName(comparator), "5"))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }

    @ParameterizedTest
    @CsvSource({"relation, gq, 'relation \"gq\" is not one of gt, ge, lt, le, eq, ne'",
        "comparator, i;unicode-casemap, comparator \"i;unicode-casemap\" is not supported"})
    void unknownNamesAreNamedInTheError(String kind, String name, String message) {
        assertThatThrownBy(() -> {
            if (kind.equals("relation")) {
                SieveRelation.byName(name);
            } else {
                SieveComparator.byName(name);
            }
        }).hasMessageContaining(message);
    }
}
