package dev.postino.testing.dns;

import java.util.List;

import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;

/**
 * What a {@link DnsZone} answers to one question: an RFC 1035 response code and the records of the
 * answer section. NOERROR with no records is NODATA (RFC 2308 §2.2).
 *
 * @param rcode   {@link Rcode#NOERROR}, {@link Rcode#NXDOMAIN} or {@link Rcode#SERVFAIL}
 * @param records the matching records, owned by the zone's canonical (lower-case) name
 */
public record ZoneAnswer(int rcode, List<Record> records) {

    static final ZoneAnswer NXDOMAIN = new ZoneAnswer(Rcode.NXDOMAIN, List.of());
    static final ZoneAnswer SERVFAIL = new ZoneAnswer(Rcode.SERVFAIL, List.of());

    public ZoneAnswer {
        records = List.copyOf(records);
    }

    static ZoneAnswer of(List<Record> records) {
        return new ZoneAnswer(Rcode.NOERROR, records);
    }

    public boolean isNxdomain() {
        return rcode == Rcode.NXDOMAIN;
    }

    public boolean isServfail() {
        return rcode == Rcode.SERVFAIL;
    }

    /** NOERROR with an empty answer: the name exists, but not with the type asked. */
    public boolean isNodata() {
        return rcode == Rcode.NOERROR && records.isEmpty();
    }

    @Override
    public String toString() {
        return Rcode.string(rcode) + records;
    }
}
