package dev.postino.testing.dns;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Address;
import org.xbill.DNS.DClass;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * The DNS a test scripts: every name, record and failure the story needs, and nothing else.
 *
 * <pre>{@code
 * DnsZone zone = new DnsZone()
 *     .mx("b.test", 10, "mx1.b.test").a("mx1.b.test", "127.0.0.1")
 *     .txt("b.test", "v=spf1 ip4:127.0.0.1 -all")
 *     .nullMx("nomail.test")
 *     .servfail("flaky.test");
 * }</pre>
 *
 * <p>A name that was never given a record is NXDOMAIN; a name with records, but none of the type
 * asked, is NODATA (NOERROR and an empty answer). Names are case-insensitive and may be written
 * with or without the trailing dot. Every question asked through {@link #lookup} is logged for
 * {@link #queries()}.
 *
 * <p>Thread-safe: a test may change the zone while the server answers from it. Records carry
 * {@link #TTL} 0 so that no resolver cache hides a change.
 */
public final class DnsZone {
    /** TTL 0 on purpose: a test that changes the zone must see the change at once, through any cache. */
    public static final long TTL = 0;

    private final Map<Name, List<Record>> records = new HashMap<>();
    private final Set<Name> servfail = new HashSet<>();
    private final List<DnsQuery> queries = new ArrayList<>();

    /** An MX record; several calls give several MX records, in the order scripted. */
    public DnsZone mx(String domain, int preference, String host) {
        if (preference < 0 || preference > 0xffff) {
            throw new IllegalArgumentException("MX preference must be 0..65535, got " + preference);
        }
        Name owner = nameOf(domain);
        return add(new MXRecord(owner, DClass.IN, TTL, preference, nameOf(host)));
    }

    /**
     * RFC 7505 null MX ({@code 0 .}): the domain accepts no mail. It must be the only MX record
     * (RFC 7505 §3), so it replaces the domain's other MX records.
     */
    public synchronized DnsZone nullMx(String domain) {
        Name owner = nameOf(domain);
        List<Record> existing = records.get(owner);
        if (existing != null) {
            existing.removeIf(r -> r.getType() == Type.MX);
        }
        return add(new MXRecord(owner, DClass.IN, TTL, 0, Name.root));
    }

    /** An A record; {@code address} must be an IPv4 literal (nothing is ever looked up). */
    public DnsZone a(String host, String address) {
        return add(new ARecord(nameOf(host), DClass.IN, TTL, literal(address, Address.IPv4)));
    }

    /** An AAAA record; {@code address} must be an IPv6 literal. */
    public DnsZone aaaa(String host, String address) {
        return add(new AAAARecord(nameOf(host), DClass.IN, TTL, literal(address, Address.IPv6)));
    }

    /** One TXT record holding {@code value}; a value over 255 bytes is split into several strings. */
    public DnsZone txt(String name, String value) {
        return add(new TXTRecord(nameOf(name), DClass.IN, TTL, TxtStrings.split(value)));
    }

    /** A PTR record for an IPv4 or IPv6 literal, owned by its in-addr.arpa / ip6.arpa name. */
    public DnsZone ptr(String address, String host) {
        InetAddress parsed = literal(address, addressFamilyOf(address));
        return add(new PTRRecord(ReverseMap.fromAddress(parsed), DClass.IN, TTL, nameOf(host)));
    }

    /**
     * Makes the name answer NXDOMAIN: its records and any scripted failure are forgotten. The same
     * as {@link #remove}; it reads as the intent in a scenario.
     */
    public DnsZone nxdomain(String name) {
        return remove(name);
    }

    /**
     * Makes every question about the name answer SERVFAIL (a temporary failure, RFC 2308 §7.1)
     * until {@link #clearServfail}; its records are kept and come back then.
     */
    public synchronized DnsZone servfail(String name) {
        servfail.add(nameOf(name));
        return this;
    }

    public synchronized DnsZone clearServfail(String name) {
        servfail.remove(nameOf(name));
        return this;
    }

    /** Forgets everything about the name: records and SERVFAIL. It answers NXDOMAIN. */
    public synchronized DnsZone remove(String name) {
        Name owner = nameOf(name);
        records.remove(owner);
        servfail.remove(owner);
        return this;
    }

    /** Answers one question and logs it. {@link Type#ANY} answers every record of the name. */
    public ZoneAnswer lookup(String name, int type) {
        return lookup(nameOf(name), type);
    }

    /** Answers one question and logs it; {@code name} may be in any case. */
    public synchronized ZoneAnswer lookup(Name name, int type) {
        queries.add(new DnsQuery(name.toString(true), Type.string(type)));
        return answer(name.canonicalize(), type);
    }

    /**
     * The records of one name and type, without logging a query and empty for any failure: what a
     * server adds as additional data, which no client asked for.
     */
    public synchronized List<Record> recordsQuietly(Name name, int type) {
        return answer(name.canonicalize(), type).records();
    }

    /** Every question asked so far, oldest first. */
    public synchronized List<DnsQuery> queries() {
        return List.copyOf(queries);
    }

    public synchronized void clearQueries() {
        queries.clear();
    }

    private ZoneAnswer answer(Name owner, int type) {
        if (servfail.contains(owner)) {
            return ZoneAnswer.SERVFAIL;
        }
        List<Record> all = records.get(owner);
        if (all == null || all.isEmpty()) {
            return ZoneAnswer.NXDOMAIN;
        }
        if (type == Type.ANY) {
            return ZoneAnswer.of(all);
        }
        return ZoneAnswer.of(all.stream().filter(r -> r.getType() == type).toList());
    }

    private synchronized DnsZone add(Record record) {
        List<Record> all = records.computeIfAbsent(record.getName(), n -> new ArrayList<>());
        // An RRset holds each record once (RFC 2181 §5); Record.equals ignores the TTL.
        if (!all.contains(record)) {
            all.add(record);
        }
        return this;
    }

    /** The canonical (lower-case, absolute) form of a name a test wrote, with or without the dot. */
    static Name nameOf(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("DNS name must not be empty, got '" + text + "'");
        }
        try {
            return Name.fromString(text.trim(), Name.root).canonicalize();
        } catch (TextParseException e) {
            throw new IllegalArgumentException("not a DNS name: '" + text + "'", e);
        }
    }

    private static int addressFamilyOf(String address) {
        return address.contains(":") ? Address.IPv6 : Address.IPv4;
    }

    private static InetAddress literal(String address, int family) {
        try {
            // Address.getByAddress parses literals only: it never asks the host's resolver.
            return Address.getByAddress(address, family);
        } catch (UnknownHostException | RuntimeException e) {
            String kind = family == Address.IPv4 ? "IPv4" : "IPv6";
            throw new IllegalArgumentException("not an " + kind + " literal: '" + address + "'", e);
        }
    }
}
