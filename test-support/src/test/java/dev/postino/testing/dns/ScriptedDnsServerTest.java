package dev.postino.testing.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.xbill.DNS.Cache;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

class ScriptedDnsServerTest {
    private static final String LONG_TXT = "v=spf1 " + "ip4:127.0.0.1 ".repeat(200) + "-all"; // ~2.8 kB

    private static final DnsZone ZONE = new DnsZone();
    private static ScriptedDnsServer server;

    @BeforeAll
    static void start() throws Exception {
        server = new ScriptedDnsServer(ZONE).start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void script() {
        for (String name : List.of("b.test", "mx1.b.test", "mx2.b.test", "nomail.test", "gone.test",
            "flaky.test", "big.test", "medium.test", "1.0.0.127.in-addr.arpa")) {
            ZONE.remove(name);
        }
        ZONE.mx("b.test", 20, "mx2.b.test")
            .mx("b.test", 10, "mx1.b.test")
            .a("mx1.b.test", "127.0.0.1")
            .aaaa("mx2.b.test", "::1")
            .txt("b.test", "v=spf1 ip4:127.0.0.1 -all")
            .nullMx("nomail.test")
            .a("gone.test", "127.0.0.5").nxdomain("gone.test")
            .a("flaky.test", "127.0.0.6").servfail("flaky.test")
            .txt("big.test", LONG_TXT)
            .txt("medium.test", "x".repeat(600))
            .ptr("127.0.0.1", "mx1.b.test");
        ZONE.clearQueries();
    }

    @ParameterizedTest(name = "tcp={0}")
    @ValueSource(booleans = {false, true})
    void mxAnswerKeepsPreferencesAndCarriesTheHostsAddresses(boolean tcp) throws Exception {
        Message query = query("b.test", Type.MX);

        Message response = resolver(tcp).send(query);

        assertThat(response.getHeader().getID()).isEqualTo(query.getHeader().getID());
        assertThat(response.getHeader().getFlag(Flags.AA)).isTrue();
        assertThat(response.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(response.getSection(Section.ANSWER)).map(Record::rdataToString)
            .containsExactly("20 mx2.b.test.", "10 mx1.b.test.");
        assertThat(response.getSection(Section.ADDITIONAL)).filteredOn(r -> r.getType() != Type.OPT)
            .map(r -> r.getName() + " " + Type.string(r.getType()) + " " + r.rdataToString())
            .containsExactlyInAnyOrder("mx1.b.test. A 127.0.0.1", "mx2.b.test. AAAA 0:0:0:0:0:0:0:1");
        assertThat(ZONE.queries()).containsExactly(new DnsQuery("b.test", "MX"));
    }

    @ParameterizedTest(name = "{0}/{1} tcp={3}")
    @CsvSource({
        "mx1.b.test,             A,    127.0.0.1,                   false",
        "mx2.b.test,             AAAA, 0:0:0:0:0:0:0:1,                        false",
        "MX2.B.Test.,            AAAA, 0:0:0:0:0:0:0:1,                        true",
        "b.test,                 TXT,  '\"v=spf1 ip4:127.0.0.1 -all\"', false",
        "1.0.0.127.in-addr.arpa, PTR,  mx1.b.test.,                 true",
    })
    void answersEachScriptedType(String name, String type, String rdata, boolean tcp) throws Exception {
        Message response = resolver(tcp).send(query(name, Type.value(type)));

        assertThat(response.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(response.getSection(Section.ANSWER)).singleElement().satisfies(r -> {
            assertThat(r.getName()).isEqualTo(Name.fromString(name, Name.root));
            assertThat(r.rdataToString()).isEqualTo(rdata);
        });
    }

    @Test
    void ptrQueryForAnAddressFindsItsName() throws Exception {
        Message response = resolver(false).send(
            Message.newQuery(Record.newRecord(ReverseMap.fromAddress("127.0.0.1"), Type.PTR, DClass.IN)));

        assertThat(response.getSection(Section.ANSWER)).map(Record::rdataToString).containsExactly("mx1.b.test.");
    }

    @Test
    void nullMxIsOneMxWithPreferenceZeroAndTargetRoot() throws Exception {
        Message response = resolver(false).send(query("nomail.test", Type.MX));

        assertThat(response.getSection(Section.ANSWER)).singleElement().satisfies(r -> {
            assertThat(((MXRecord) r).getPriority()).isZero();
            assertThat(((MXRecord) r).getTarget()).isEqualTo(Name.root);
        });
        assertThat(response.getSection(Section.ADDITIONAL)).noneMatch(r -> r.getType() != Type.OPT);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"never-scripted.test", "gone.test"})
    void unknownOrRemovedNameIsNxdomainWithSoa(String name) throws Exception {
        Message response = resolver(false).send(query(name, Type.MX));

        assertThat(response.getRcode()).isEqualTo(Rcode.NXDOMAIN);
        assertThat(response.getSection(Section.ANSWER)).isEmpty();
        assertThat(response.getSection(Section.AUTHORITY)).singleElement()
            .satisfies(r -> assertThat(r.getType()).isEqualTo(Type.SOA));
    }

    @Test
    void existingNameWithoutTheTypeIsNodata() throws Exception {
        Message response = resolver(false).send(query("mx1.b.test", Type.AAAA));

        assertThat(response.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(response.getSection(Section.ANSWER)).isEmpty();
        assertThat(response.getSection(Section.AUTHORITY)).singleElement()
            .satisfies(r -> assertThat(r.getType()).isEqualTo(Type.SOA));
    }

    @Test
    void servfailUntilCleared() throws Exception {
        assertThat(resolver(false).send(query("flaky.test", Type.A)).getRcode()).isEqualTo(Rcode.SERVFAIL);

        ZONE.clearServfail("flaky.test");

        Message response = resolver(false).send(query("flaky.test", Type.A));
        assertThat(response.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(response.getSection(Section.ANSWER)).map(Record::rdataToString).containsExactly("127.0.0.6");
    }

    @Test
    void largeTxtIsTruncatedOverUdpAndWholeOverTcp() throws Exception {
        SimpleResolver udp = resolver(false);
        udp.setIgnoreTruncation(true);

        Message truncated = udp.send(query("big.test", Type.TXT));
        Message whole = resolver(true).send(query("big.test", Type.TXT));

        assertThat(truncated.getHeader().getFlag(Flags.TC)).isTrue();
        assertThat(truncated.getSection(Section.ANSWER)).isEmpty();
        assertThat(whole.getHeader().getFlag(Flags.TC)).isFalse();
        assertThat(whole.getSection(Section.ANSWER)).singleElement()
            .satisfies(r -> assertThat(TxtStrings.join((TXTRecord) r)).isEqualTo(LONG_TXT));
    }

    @Test
    void resolverRetriesATruncatedAnswerOverTcpOnTheSamePort() throws Exception {
        Message response = resolver(false).send(query("big.test", Type.TXT));

        assertThat(response.getHeader().getFlag(Flags.TC)).isFalse();
        assertThat(TxtStrings.join((TXTRecord) response.getSection(Section.ANSWER).get(0))).isEqualTo(LONG_TXT);
    }

    @Test
    void withoutEdnsTheUdpLimitIs512Bytes() throws Exception {
        SimpleResolver classic = resolver(false);
        classic.setEDNS(-1, 0, 0, List.of());
        classic.setIgnoreTruncation(true);
        SimpleResolver edns = resolver(false);
        edns.setIgnoreTruncation(true);

        // ~650 bytes: too big for RFC 1035's 512, fits the EDNS payload of 1232.
        assertThat(classic.send(query("medium.test", Type.TXT)).getHeader().getFlag(Flags.TC)).isTrue();
        assertThat(edns.send(query("medium.test", Type.TXT)).getHeader().getFlag(Flags.TC)).isFalse();
    }

    @Test
    void malformedPacketsAreDroppedAndTheServerKeepsAnswering() throws Exception {
        try (DatagramSocket socket = new DatagramSocket()) {
            byte[] garbage = {1, 2, 3};
            socket.send(new DatagramPacket(garbage, garbage.length, server.address()));
        }
        try (Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), server.port())) {
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            out.writeShort(5);
            out.write(new byte[] {9, 9, 9, 9, 9});
            // The same connection still answers a good query after the bad one (RFC 7766 §6.2).
            byte[] good = query("mx1.b.test", Type.A).toWire();
            out.writeShort(good.length);
            out.write(good);
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            byte[] reply = new byte[in.readUnsignedShort()];
            in.readFully(reply);
            assertThat(new Message(reply).getSection(Section.ANSWER)).map(Record::rdataToString)
                .containsExactly("127.0.0.1");
        }

        assertThat(resolver(false).send(query("b.test", Type.MX)).getSection(Section.ANSWER)).hasSize(2);
    }

    @Test
    void dnsjavaLookupSeesZoneChangesAtOnce() throws Exception {
        Cache cache = new Cache();
        Lookup first = lookup("b.test", cache);
        first.run();

        ZONE.remove("b.test").mx("b.test", 5, "mx9.b.test");
        Lookup second = lookup("b.test", cache);
        second.run();

        assertThat(first.getAnswers()).hasSize(2);
        assertThat(second.getAnswers()).extracting(Record::rdataToString).containsExactly("5 mx9.b.test.");
    }

    private static Lookup lookup(String name, Cache cache) throws Exception {
        Lookup lookup = new Lookup(Name.fromString(name, Name.root), Type.MX);
        lookup.setResolver(resolver(false));
        lookup.setCache(cache);
        return lookup;
    }

    private static Message query(String name, int type) throws Exception {
        return Message.newQuery(Record.newRecord(Name.fromString(name, Name.root), type, DClass.IN));
    }

    private static SimpleResolver resolver(boolean tcp) {
        SimpleResolver resolver = new SimpleResolver(server.address());
        resolver.setTCP(tcp);
        resolver.setTimeout(Duration.ofSeconds(5));
        return resolver;
    }
}
