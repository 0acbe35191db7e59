package dev.postino.testing.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.apache.james.dnsservice.api.TemporaryResolutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ScriptedDnsServiceTest {
    private static final String LONG_TXT = "v=spf1 " + "ip4:127.0.0.1 ".repeat(40) + "-all";

    private final DnsZone zone = new DnsZone()
        .mx("b.test", 30, "mx3.b.test")
        .mx("b.test", 10, "MX1.b.test.")
        .mx("b.test", 20, "mx2b.b.test")
        .mx("b.test", 20, "mx2a.b.test")
        .a("mx1.b.test", "127.0.0.1")
        .a("mx1.b.test", "127.0.0.2")
        .aaaa("mx1.b.test", "::1")
        .aaaa("v6only.b.test", "::2")
        .txt("b.test", "v=spf1 ip4:127.0.0.1 -all")
        .txt("b.test", LONG_TXT)
        .a("a-only.test", "127.0.0.4")
        .nullMx("nomail.test")
        .mx("flaky.test", 10, "mx.flaky.test").servfail("flaky.test")
        .mx("port.test", 10, "127.0.0.1:2525")
        .ptr("127.0.0.2", "mx1.b.test");
    private final ScriptedDnsService dns = new ScriptedDnsService(zone);

    @Test
    void mxHostsComeSortedByPreferenceEqualOnesInScriptedOrder() throws Exception {
        assertThat(dns.findMXRecords("B.test."))
            .containsExactly("mx1.b.test", "mx2b.b.test", "mx2a.b.test", "mx3.b.test");
        assertThat(zone.queries()).containsExactly(new DnsQuery("b.test", "MX"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"a-only.test", "mx1.b.test", "never-scripted.test"})
    void domainWithoutMxHasNoMxHosts(String domain) throws Exception {
        // No implicit MX here: the RFC 5321 §5.1 fallback is the caller's decision.
        assertThat(dns.findMXRecords(domain)).isEmpty();
    }

    @Test
    void nullMxIsTheRootName() throws Exception {
        assertThat(dns.findMXRecords("nomail.test")).containsExactly(".");
    }

    @Test
    void hostAndPortTargetsPassThroughForRemoteDelivery() throws Exception {
        assertThat(dns.findMXRecords("port.test")).containsExactly("127.0.0.1:2525");
    }

    @Test
    void servfailIsATemporaryResolutionFailure() {
        assertThatThrownBy(() -> dns.findMXRecords("flaky.test")).isInstanceOf(TemporaryResolutionException.class);
        assertThat(dns.findTXTRecords("flaky.test")).isEmpty();
        assertThat(dns.getByNameQuietly("flaky.test")).isEmpty();
    }

    @Test
    void txtRecordsComeJoinedAndUnquoted() {
        assertThat(dns.findTXTRecords("b.test")).containsExactly("v=spf1 ip4:127.0.0.1 -all", LONG_TXT);
        assertThat(dns.findTXTRecords("a-only.test")).isEmpty();
        assertThat(dns.findTXTRecords("never-scripted.test")).isEmpty();
    }

    @Test
    void allAddressesAreAThenAaaaNamedAsAsked() throws Exception {
        assertThat(dns.getAllByName("mx1.b.test."))
            .extracting(InetAddress::getHostAddress)
            .containsExactly("127.0.0.1", "127.0.0.2", "0:0:0:0:0:0:0:1");
        assertThat(dns.getAllByName("mx1.b.test")).extracting(InetAddress::getHostName).containsOnly("mx1.b.test");
        assertThat(dns.getByName("v6only.b.test")).isEqualTo(InetAddress.getByName("::2"));
        assertThat(zone.queries()).contains(new DnsQuery("mx1.b.test", "A"), new DnsQuery("mx1.b.test", "AAAA"));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
        "127.0.0.1,         127.0.0.1",
        "127.0.0.1.,        127.0.0.1",
        "[127.0.0.1],       127.0.0.1",
        "::1,               0:0:0:0:0:0:0:1",
        "[::1],             0:0:0:0:0:0:0:1",
        "[IPv6:::1],        0:0:0:0:0:0:0:1",
        "[ipv6:2001:db8::5], 2001:db8:0:0:0:0:0:5",
    })
    void ipLiteralsResolveToThemselvesWithoutAnyLookup(String literal, String address) throws Exception {
        assertThat(dns.getAllByName(literal)).extracting(InetAddress::getHostAddress).containsExactly(address);
        assertThat(dns.getByName(literal).getHostAddress()).isEqualTo(address);
        assertThat(zone.queries()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"never-scripted.test", "b.test", "flaky.test", "mx1.b.test:25", "999.0.0.1"})
    void namesWithoutAddressesAreUnknownHosts(String host) {
        assertThatThrownBy(() -> dns.getAllByName(host)).isInstanceOf(UnknownHostException.class);
        assertThatThrownBy(() -> dns.getByName(host)).isInstanceOf(UnknownHostException.class);
        assertThat(dns.getByNameQuietly(host)).isEmpty();
    }

    @Test
    void hostNameIsThePtrTargetOrTheLiteral() throws Exception {
        assertThat(dns.getHostName(InetAddress.getByName("127.0.0.2"))).isEqualTo("mx1.b.test");
        assertThat(dns.getHostName(InetAddress.getByName("127.0.0.3"))).isEqualTo("127.0.0.3");
    }

    @Test
    void localHostIsLoopbackUnderTheConfiguredName() throws Exception {
        ScriptedDnsService named = new ScriptedDnsService(zone, "james.local");

        assertThat(dns.getLocalHost().getHostName()).isEqualTo("localhost");
        assertThat(named.getLocalHost().getHostName()).isEqualTo("james.local");
        assertThat(named.getLocalHost().getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(named.getByName("JAMES.local").getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(dns.getByNameQuietly("localhost")).contains(InetAddress.getByName("127.0.0.1"));
    }

    @Test
    void zoneChangesShowAtOnce() throws Exception {
        zone.remove("b.test").mx("b.test", 5, "mx9.b.test");

        assertThat(dns.findMXRecords("b.test")).containsExactly("mx9.b.test");
    }
}
