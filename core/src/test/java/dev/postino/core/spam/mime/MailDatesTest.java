package dev.postino.core.spam.mime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MailDatesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "Thu, 06 Jan 2000 12:44:53 +0200               | 2000-01-06T10:44:53Z",
        "6 Jan 2000 12:44 -0000                        | 2000-01-06T12:44:00Z",
        "Mon, 2 Sep 02 10:00:00 EDT                    | 2002-09-02T14:00:00Z",
        "Mon, 2 Sep 99 10:00:00 GMT                    | 1999-09-02T10:00:00Z",
        "Thu,  8 Aug 2002 02:43:08 -0700 (PDT)         | 2002-08-08T09:43:08Z",
        "Tue, 20 Aug 2002 13:05:03 CEST                | 2002-08-20T13:05:03Z",
        "Sat, 31 August 2002 23:59:60 +0000            | 2002-08-31T23:59:59Z",
    })
    void parses(String value, String expected) {
        assertThat(MailDates.parse(value)).hasValue(Instant.parse(expected));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "yesterday",
        "Thu, 32 Jan 2000 12:00:00 +0000",
        "Thu, 06 Foo 2000 12:00:00 +0000",
        "Thu, 06 Jan 2000 25:00:00 +0000",
        "Thu, 06 Jan 2000 12:00:00 +9999",
        "Thu, 06 Jan 20000 12:00:00 +0000",
        "06/01/2000 12:00",
    })
    void rejects(String value) {
        assertThat(MailDates.parse(value)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "Thu, 06 Jan 2000 12:44:53 +0200       | true",
        "Mon, 2 Sep 02 10:00:00 EDT            | true",
        "Mon, 2 Sep 2002 10:00:00 (no zone)    | false",
        "Mon, 2 Sep 2002 10:00:00              | false",
        "yesterday                             | false",
    })
    void aZoneIsNamedOrNot(String value, boolean named) {
        assertThat(MailDates.hasZone(value)).isEqualTo(named);
    }

    @Test
    void aDateWithoutZoneIsStillReadAsUtc() {
        assertThat(MailDates.parse("Mon, 2 Sep 2002 10:00:00")).hasValue(Instant.parse("2002-09-02T10:00:00Z"));
    }
}
