package dev.postino.testing.dns;

import java.util.Optional;

import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Header;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Turns one DNS query into the response a {@link DnsZone} dictates, and into the bytes to send
 * over UDP or TCP. No I/O: {@link ScriptedDnsServer} does the sockets.
 */
final class DnsResponder {
    /** Without EDNS a UDP message holds at most 512 bytes (RFC 1035 §4.2.1). */
    static final int CLASSIC_UDP_LIMIT = 512;
    /** The EDNS payload we accept to send, the DNS Flag Day 2020 value (RFC 6891 §6.2.5 lets us cap it). */
    static final int EDNS_UDP_LIMIT = 1232;
    private static final int TCP_LIMIT = 0xffff;

    // One synthetic SOA at the root for every negative answer (RFC 2308 §3): the zone has no
    // apexes, and a minimum of 0 keeps resolvers from caching NXDOMAIN and NODATA.
    private static final SOARecord NEGATIVE_SOA = new SOARecord(Name.root, DClass.IN, DnsZone.TTL,
        DnsZone.nameOf("ns.scripted.test"), DnsZone.nameOf("hostmaster.scripted.test"), 1, 3600, 600, 86400, 0);

    private final DnsZone zone;

    DnsResponder(DnsZone zone) {
        this.zone = zone;
    }

    /** The response to a query, or empty when the message is itself a response (never answered). */
    Optional<Message> respond(Message query) {
        Header queryHeader = query.getHeader();
        if (queryHeader.getFlag(Flags.QR)) {
            return Optional.empty();
        }
        Message response = new Message(queryHeader.getID());
        Header header = response.getHeader();
        header.setFlag(Flags.QR);
        header.setFlag(Flags.AA);
        header.setOpcode(queryHeader.getOpcode());
        if (queryHeader.getFlag(Flags.RD)) {
            header.setFlag(Flags.RD);
        }
        if (query.getOPT() != null) {
            response.addRecord(new OPTRecord(EDNS_UDP_LIMIT, 0, 0), Section.ADDITIONAL);
        }
        Record question = query.getQuestion();
        if (question != null) {
            response.addRecord(question, Section.QUESTION);
        }
        if (queryHeader.getOpcode() != Opcode.QUERY) {
            header.setRcode(Rcode.NOTIMP);
        } else if (question == null) {
            header.setRcode(Rcode.FORMERR);
        } else {
            answer(question, response);
        }
        return Optional.of(response);
    }

    /** Wire bytes for UDP: cut to what the client can take, with TC set if anything was left out. */
    static byte[] udpWire(Message query, Message response) {
        OPTRecord opt = query.getOPT();
        int limit = opt == null
            ? CLASSIC_UDP_LIMIT
            : Math.min(EDNS_UDP_LIMIT, Math.max(CLASSIC_UDP_LIMIT, opt.getPayloadSize()));
        // Message.toWire(max) drops what does not fit and sets TC (RFC 2181 §9).
        return response.toWire(limit);
    }

    /** Wire bytes for TCP: the whole answer (RFC 7766 §5). */
    static byte[] tcpWire(Message response) {
        return response.toWire(TCP_LIMIT);
    }

    private void answer(Record question, Message response) {
        Name asked = question.getName();
        ZoneAnswer answer = zone.lookup(asked, question.getType());
        response.getHeader().setRcode(answer.rcode());
        for (Record record : answer.records()) {
            // Echo the name as asked, so resolvers that randomise its case still match.
            response.addRecord(record.withName(asked), Section.ANSWER);
        }
        if (answer.isNxdomain() || answer.isNodata()) {
            response.addRecord(NEGATIVE_SOA, Section.AUTHORITY);
        }
        for (Record record : answer.records()) {
            if (record instanceof MXRecord mx && !mx.getTarget().equals(Name.root)) {
                // RFC 1035 §3.3.9: MX answers carry the exchanges' addresses as additional data.
                addAdditional(response, mx.getTarget());
            }
        }
    }

    private void addAdditional(Message response, Name host) {
        for (int type : new int[] {Type.A, Type.AAAA}) {
            for (Record record : zone.recordsQuietly(host, type)) {
                if (!response.findRecord(record, Section.ADDITIONAL)) {
                    response.addRecord(record, Section.ADDITIONAL);
                }
            }
        }
    }
}
