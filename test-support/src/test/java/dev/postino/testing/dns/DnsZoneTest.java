package dev.postino.testing.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

class DnsZoneTest {

    private final DnsZone zone = new DnsZone()
        .mx("b.test", 10, "mx1.b.test")
        .a("mx1.b.test", "127.0.0.1")
        .servfail("flaky.test")
        .a("down.test", "127.0.0.9")
        .servfail("down.test");

    @ParameterizedTest(name = "{0}/{1} → {2}")
    @CsvSource({
        "b.test,      MX,   NOERROR,  1",
        "B.Test.,     MX,   NOERROR,  1",
        "mx1.b.test,  A,    NOERROR,  1",
        "mx1.b.test,  AAAA, NOERROR,  0",   // NODATA: the name exists, not the type
        "b.test,      A,    NOERROR,  0",
        "b.test,      ANY,  NOERROR,  1",
        "nowhere.test, MX,  NXDOMAIN, 0",   // never defined
        "test,        MX,   NXDOMAIN, 0",   // no empty non-terminals: only names with records exist
        "flaky.test,  MX,   SERVFAIL, 0",
        "down.test,   A,    SERVFAIL, 0",   // SERVFAIL hides the records it keeps
    })
    void answersEachQuestionWithTheScriptedCode(String name, String type, String rcode, int records) {
        ZoneAnswer answer = zone.lookup(name, Type.value(type));

        assertThat(Rcode.string(answer.rcode())).isEqualTo(rcode);
        assertThat(answer.records()).hasSize(records);
    }

    @Test
    void clearServfailBringsTheRecordsBack() {
        zone.clearServfail("DOWN.test.");

        assertThat(zone.lookup("down.test", Type.A).records())
            .extracting(Record::rdataToString).containsExactly("127.0.0.9");
    }

    @Test
    void nxdomainAndRemoveForgetRecordsAndFailures() {
        zone.nxdomain("b.test").remove("down.test");

        assertThat(zone.lookup("b.test", Type.MX).isNxdomain()).isTrue();
        assertThat(zone.lookup("down.test", Type.A).isNxdomain()).isTrue();
        assertThat(zone.lookup("mx1.b.test", Type.A).records()).hasSize(1);
    }

    @Test
    void nullMxIsTheOnlyMxOfItsDomain() {
        zone.mx("c.test", 10, "mx.c.test").a("c.test", "127.0.0.3").nullMx("c.test");

        List<Record> mx = zone.lookup("c.test", Type.MX).records();
        assertThat(mx).hasSize(1);
        assertThat(((MXRecord) mx.get(0)).getPriority()).isZero();
        assertThat(((MXRecord) mx.get(0)).getTarget()).isEqualTo(Name.root);
        assertThat(zone.lookup("c.test", Type.A).records()).hasSize(1);
    }

    @Test
    void aRecordIsStoredOnceHoweverOftenScripted() {
        zone.a("MX1.b.test.", "127.0.0.1").a("mx1.b.test", "127.0.0.2");

        assertThat(zone.lookup("mx1.b.test", Type.A).records())
            .extracting(Record::rdataToString).containsExactly("127.0.0.1", "127.0.0.2");
    }

    @Test
    void longTxtIsSplitIntoStringsOf255BytesAndJoinsBack() {
        String value = "v=spf1 " + "ip4:127.0.0.1 ".repeat(40) + "-all";
        zone.txt("b.test", value);

        TXTRecord txt = (TXTRecord) zone.lookup("b.test", Type.TXT).records().get(0);
        assertThat(txt.getStringsAsByteArrays()).hasSize(3)
            .allSatisfy(s -> assertThat(s.length).isLessThanOrEqualTo(255));
        assertThat(TxtStrings.join(txt)).isEqualTo(value);
    }

    @Test
    void txtKeepsBackslashesAndNonAsciiAsWritten() {
        String value = "a\\b \"quoted\" café";
        zone.txt("b.test", value);

        assertThat(TxtStrings.join((TXTRecord) zone.lookup("b.test", Type.TXT).records().get(0))).isEqualTo(value);
    }

    @Test
    void ptrIsOwnedByTheReverseName() {
        zone.ptr("127.0.0.1", "mx1.b.test").ptr("::1", "v6.b.test");

        assertThat(zone.lookup("1.0.0.127.in-addr.arpa", Type.PTR).records())
            .extracting(Record::rdataToString).containsExactly("mx1.b.test.");
        assertThat(zone.lookup("1." + "0.".repeat(31) + "ip6.arpa", Type.PTR).records())
            .extracting(Record::rdataToString).containsExactly("v6.b.test.");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "a,    mx1.b.test, not an IPv4 literal: 'mx1.b.test'",   // never looked up
        "a,    ::1,        not an IPv4 literal: '::1'",
        "aaaa, 127.0.0.1,  not an IPv6 literal: '127.0.0.1'",
        "ptr,  b.test,     not an IPv4 literal: 'b.test'",
    })
    void addressesMustBeLiterals(String method, String address, String message) {
        assertThatThrownBy(() -> {
            switch (method) {
                case "a" -> zone.a("h.test", address);
                case "aaaa" -> zone.aaaa("h.test", address);
                default -> zone.ptr(address, "h.test");
            }
        }).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    @Test
    void rejectsEmptyNamesAndBadPreferences() {
        assertThatThrownBy(() -> zone.a(" ", "127.0.0.1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> zone.mx("b.test", 65536, "mx.b.test"))
            .hasMessage("MX preference must be 0..65535, got 65536");
    }

    @Test
    void logsEveryQuestionNormalised() {
        zone.lookup("B.Test.", Type.MX);
        zone.lookup("nowhere.test", Type.AAAA);
        zone.recordsQuietly(Name.root, Type.A);

        assertThat(zone.queries()).containsExactly(new DnsQuery("b.test", "MX"), new DnsQuery("NOWHERE.test.", "aaaa"));

        zone.clearQueries();
        assertThat(zone.queries()).isEmpty();
    }

    @Test
    void staysConsistentWhileTestsScriptAndServersRead() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                work.add(pool.submit(() -> {
                    for (int i = 0; i < 200; i++) {
                        String host = "h" + (i % 20) + ".test";
                        zone.a(host, "127.0." + thread + "." + (i % 250));
                        zone.lookup(host, Type.A);
                        zone.queries();
                        if (i % 50 == 0) {
                            zone.remove(host);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : work) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(zone.queries()).hasSize(8 * 200);
    }
}
