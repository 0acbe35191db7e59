package dev.postino.core.spam.mime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UrlHostsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "http://Www.Example.COM/path         | www.example.com",
        "https://example.com:8443?q          | example.com",
        "http://bank.test@192.0.2.7/login    | 192.0.2.7",
        "www.shop.test/offer                 | www.shop.test",
        "ftp://files.test.                   | files.test",
        "mailto:bob@b.test                   | ",
        "http://localhost/                   | ",
    })
    void hostOf(String url, String host) {
        assertThat(UrlHosts.hostOf(url).orElse(null)).isEqualTo(host);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "https://www.bank.test/login | www.bank.test",
        "paypal.com/signin           | paypal.com",
        "Click here                  | ",
        "version 1.2                 | ",
    })
    void hostShownIn(String text, String host) {
        assertThat(UrlHosts.hostShownIn(text).orElse(null)).isEqualTo(host);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"192.0.2.7,true", "[2001:db8::1],true", "1.2.3,false", "a.b.c.d,false", "1234.1.1.1,false"})
    void ipLiterals(String host, boolean literal) {
        assertThat(UrlHosts.isIpLiteral(host)).isEqualTo(literal);
    }

    @Test
    void findsUrlsInText() {
        assertThat(UrlHosts.findUrls("see http://a.test/x, (www.b.test) and httpd.conf or HTTPS://C.test"))
            .containsExactly("http://a.test/x,", "www.b.test", "HTTPS://C.test");
    }
}
