package dev.postino.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.postino.core.route.AddressLookup;
import dev.postino.core.route.MxLookup;
import dev.postino.core.route.MxRecord;
import dev.postino.testing.dns.DnsZone;
import dev.postino.testing.dns.ScriptedDnsServer;

class DnsjavaMxResolverTest {
    private static final DnsZone ZONE = new DnsZone();
    private static ScriptedDnsServer dns;
    private static DnsjavaMxResolver resolver;

    @BeforeAll
    static void start() throws Exception {
        ZONE.mx("b.test", 20, "mx2.b.test").mx("b.test", 10, "mx1.b.test")
            .a("mx1.b.test", "127.0.0.1").aaaa("mx1.b.test", "::1")
            .a("implicit.test", "127.0.0.2")
            .nullMx("null.test")
            .servfail("broken.test");
        dns = new ScriptedDnsServer(ZONE).start();
        resolver = new DnsjavaMxResolver(List.of(InetSocketAddress.createUnresolved("127.0.0.1", dns.port())), Duration.ofSeconds(2));
    }

    @AfterAll
    static void stop() {
        dns.close();
    }

    @Test
    void mxRecordsKeepTheirPreferences() {
        MxLookup lookup = resolver.lookupMx("b.test");
        assertThat(lookup.kind()).as("%s", lookup).isEqualTo(MxLookup.Kind.RECORDS);
        assertThat(lookup.records()).containsExactlyInAnyOrder(MxRecord.of(10, "mx1.b.test"), MxRecord.of(20, "mx2.b.test"));
    }

    @Test
    void nullMxIsReportedAsTheDotTarget() {
        MxLookup lookup = resolver.lookupMx("null.test");
        assertThat(lookup.records()).containsExactly(MxRecord.of(0, "."));
    }

    @Test
    void noMxNxdomainAndServfailAreTold() {
        assertThat(resolver.lookupMx("implicit.test").kind()).isEqualTo(MxLookup.Kind.NO_RECORDS);
        assertThat(resolver.lookupMx("nowhere.test").kind()).isEqualTo(MxLookup.Kind.NXDOMAIN);
        assertThat(resolver.lookupMx("broken.test").kind()).isEqualTo(MxLookup.Kind.TEMP_FAILURE);
    }

    @Test
    void addressesIncludeIpv6() {
        AddressLookup lookup = resolver.lookupAddresses("mx1.b.test");
        assertThat(lookup.kind()).isEqualTo(AddressLookup.Kind.ADDRESSES);
        assertThat(lookup.addresses()).containsExactlyInAnyOrder("127.0.0.1", "0:0:0:0:0:0:0:1");
        assertThat(resolver.lookupAddresses("nowhere.test").kind()).isEqualTo(AddressLookup.Kind.NXDOMAIN);
    }
}
