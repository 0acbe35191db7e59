package dev.postino.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.postino.core.route.Route;

class PostinoPropertiesTest {
    @TempDir
    Path home;

    @Test
    void everyKeyIsReadByItsLiteralName() throws Exception {
        Files.createDirectories(home.resolve("conf"));
        Files.writeString(home.resolve("conf/routes"), "b.test [127.0.0.5]:2525\n");
        Files.writeString(home.resolve("conf/postino.properties"), String.join("\n",
            "helo.name=mx.a.test",
            "dns.servers=127.0.0.1:5353, [::1]:53, 10.0.0.1",
            "dns.timeout=3s",
            "mx.port=2525",
            "routes.file=conf/routes",
            "spam.tokenStore=var/spam/tokens",
            "secret.relay=s3cret"));

        PostinoProperties properties = PostinoProperties.load(home);

        assertThat(properties.heloName()).contains("mx.a.test");
        assertThat(properties.dnsServers()).containsExactly(InetSocketAddress.createUnresolved("127.0.0.1", 5353),
            InetSocketAddress.createUnresolved("::1", 53), InetSocketAddress.createUnresolved("10.0.0.1", 53));
        assertThat(properties.dnsTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(properties.mxPort()).isEqualTo(2525);
        assertThat(properties.routes().resolve("b.test", domain -> false).kind()).isEqualTo(Route.Kind.RELAY);
        assertThat(properties.secret("relay")).contains("s3cret");
        assertThat(properties.spamTokenStore()).isEqualTo(home.resolve("var/spam/tokens"));
        assertThat(properties.secret("other")).isEmpty();
    }

    @Test
    void anAbsentFileMeansDefaults() {
        PostinoProperties properties = PostinoProperties.load(home);

        assertThat(properties.heloName()).isEmpty();
        assertThat(properties.dnsServers()).isEmpty();
        assertThat(properties.dnsTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(properties.mxPort()).isEqualTo(25);
        assertThat(properties.routes().size()).isZero();
        assertThat(properties.spamTokenStore()).isEqualTo(home.resolve("var/postino/spam-tokens"));
    }

    @ParameterizedTest(name = "{0}={1} → {2}")
    @CsvSource(delimiter = '|', value = {
        "helo.nam     | x          | unknown key(s) [helo.nam]",
        "dns.servers  | 1.2.3.4:x  | bad value for dns.servers='1.2.3.4:x'",
        "dns.servers  | [::1       | dns.servers='[::1': unclosed '['",
        "dns.timeout  | 5 seconds  | bad value for dns.timeout='5 seconds'",
        // 0 made every DNS query time out at once: all outbound mail deferred, no SPF/DKIM/DMARC.
        "dns.timeout  | 0          | bad value for dns.timeout='0': must be more than 0",
        "mx.port      | 0          | mx.port='0': must be between 1 and 65535",
        "routes.file  | conf/nope  | routes.file cannot be read",
        "spam.tokenStore | ' '     | bad value for spam.tokenStore=''",
    })
    void badValuesAreRefusedNamingTheKey(String key, String value, String message) {
        assertThatThrownBy(() -> PostinoProperties.parse("postino.properties", Map.of(key, value), home))
            .isInstanceOf(ConfigException.class)
            .hasMessageContaining(message);
    }

    @Test
    void aBadRouteRowIsNamedWithItsFile() throws Exception {
        Files.createDirectories(home.resolve("conf"));
        Files.writeString(home.resolve("conf/routes"), "b.test [127.0.0.5]:99999\n");

        assertThatThrownBy(() -> PostinoProperties.parse("postino.properties", Map.of("routes.file", "conf/routes"), home))
            .isInstanceOf(ConfigException.class)
            .hasMessageContaining("conf/routes")
            .hasMessageContaining("99999");
    }
}
