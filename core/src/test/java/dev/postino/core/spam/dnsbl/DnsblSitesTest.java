package dev.postino.core.spam.dnsbl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class DnsblSitesTest {

    @ParameterizedTest(name = "{0} accepts {1}: {2}")
    @CsvSource({
        "zen.example.org,                      127.0.0.2,    true",
        "zen.example.org,                      127.255.255.254, true",
        "zen.example.org=127.0.0.2,            127.0.0.2,    true",
        "zen.example.org=127.0.0.2,            127.0.0.3,    false",
        "zen.example.org=127.0.0.[2..11],      127.0.0.11,   true",
        "zen.example.org=127.0.0.[2..11],      127.0.0.12,   false",
        "zen.example.org=127.0.0.[2..11],      127.0.0.1,    false",
        "wl.example.net=127.0.0.[17;18],       127.0.0.18,   true",
        "wl.example.net=127.0.0.[17;18],       127.0.0.19,   false",
        "dnswl.example=127.0.[2..15].[0;2..3], 127.0.9.3,    true",
        "dnswl.example=127.0.[2..15].[0;2..3], 127.0.9.1,    false",
        "zen.example.org=127.0.0.[2..11],      not-an-ip,    false",
    })
    void filtersAcceptRepliesAsPostfixDoes(String entry, String reply, boolean accepted) {
        assertThat(DnsblSite.parse(entry).accepts(reply)).isEqualTo(accepted);
    }

    @ParameterizedTest(name = "{0} weighs {1}")
    @CsvSource({
        "zen.example.org,                    1.0",
        "zen.example.org*3,                  3.0",
        "zen.example.org=127.0.0.[2..11]*3,  3.0",
        "swl.example.org*-4,                -4.0",
        "bl.example.net=127.0.0.2*1.5,       1.5",
    })
    void weightDefaultsToOne(String entry, double weight) {
        assertThat(DnsblSite.parse(entry).weight()).isEqualTo(weight);
    }

    @Test
    void aSettingListsEntriesSeparatedByCommasOrWhiteSpace() {
        DnsblSites sites = DnsblSites.parse(" zen.example.org=127.0.0.[2..11]*3,bl.example.net*2\n  Wl.Example.NET.*-1 ");

        assertThat(sites.sites()).extracting(DnsblSite::zone).containsExactly("zen.example.org", "bl.example.net",
            "wl.example.net");
        assertThat(DnsblSites.parse("  ").isEmpty()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "zen.example.org*x              | weight 'x' is not a number",
        "zen.example.org=127.0.0        | needs four octet patterns",
        "zen.example.org=127.0.0.256    | '256' is not a number 0..255",
        "zen.example.org=127.0.0.[11..2] | empty range '11..2'",
        "zen.example.org=127.0.0.[2..   | bad octet pattern '[2..'",
        "localhost                      | 'localhost' is not a DNS zone name",
        "zen example.org                | 'zen' is not a DNS zone name",
        "=127.0.0.2                     | '' is not a DNS zone name",
    })
    void badEntriesAreRefusedNamingTheProblem(String setting, String problem) {
        assertThatThrownBy(() -> DnsblSites.parse(setting)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining(problem);
    }
}
