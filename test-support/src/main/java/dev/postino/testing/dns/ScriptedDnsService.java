package dev.postino.testing.dns;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.apache.james.dnsservice.api.DNSService;
import org.apache.james.dnsservice.api.TemporaryResolutionException;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Address;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * James's {@link DNSService} answering from a {@link DnsZone}, in process: bind it in the test
 * server's Guice module ({@code bind(DNSService.class).toInstance(new ScriptedDnsService(zone))}).
 *
 * <p>Where it differs from James on purpose:
 * <ul>
 *   <li>IP literals ({@code 127.0.0.1}, {@code ::1}, {@code [127.0.0.1]}, {@code [IPv6:::1]})
 *       resolve to themselves. James's {@code InMemoryDNSService} does not, so
 *       {@code authorizedAddresses 127.0.0.0/8} silently matches nothing.</li>
 *   <li>{@link #findMXRecords} returns only MX targets, sorted by preference, equal preferences in
 *       the order scripted (James shuffles them; tests need a fixed order). A domain without MX
 *       gives an empty list: James's {@code DNSJavaService} would substitute the domain itself
 *       (the RFC 5321 §5.1 implicit MX) when it has an address.</li>
 *   <li>{@link #findTXTRecords} returns each record's strings joined, unquoted.</li>
 *   <li>{@link #getAllByName} returns A then AAAA addresses (James's resolver asks only A).</li>
 * </ul>
 * Names come back lower case, without the trailing dot; a null MX target is {@code "."}.
 */
public final class ScriptedDnsService implements DNSService {
    public static final String DEFAULT_LOCAL_HOST_NAME = "localhost";
    private static final byte[] LOOPBACK = {127, 0, 0, 1};

    private final DnsZone zone;
    private final String localHostName;

    public ScriptedDnsService(DnsZone zone) {
        this(zone, DEFAULT_LOCAL_HOST_NAME);
    }

    /** @param localHostName the name {@link #getLocalHost()} gives 127.0.0.1 */
    public ScriptedDnsService(DnsZone zone, String localHostName) {
        if (localHostName == null || localHostName.isBlank()) {
            throw new IllegalArgumentException("local host name must not be empty");
        }
        this.zone = zone;
        this.localHostName = localHostName;
    }

    public DnsZone zone() {
        return zone;
    }

    /** @throws TemporaryResolutionException when the zone answers SERVFAIL for the domain */
    @Override
    public Collection<String> findMXRecords(String hostname) throws TemporaryResolutionException {
        ZoneAnswer answer = lookup(hostname, Type.MX);
        if (answer.isServfail()) {
            throw new TemporaryResolutionException("SERVFAIL for " + hostname + " MX");
        }
        return answer.records().stream()
            .map(MXRecord.class::cast)
            .sorted(Comparator.comparingInt(MXRecord::getPriority))
            .map(mx -> hostOf(mx.getTarget()))
            .toList();
    }

    /** Empty for NXDOMAIN, NODATA and SERVFAIL alike, as James's resolver does. */
    @Override
    public Collection<String> findTXTRecords(String hostname) {
        return lookup(hostname, Type.TXT).records().stream()
            .map(r -> TxtStrings.join((TXTRecord) r))
            .toList();
    }

    /** An IP literal itself, or the name's A and AAAA addresses (A first). */
    @Override
    public Collection<InetAddress> getAllByName(String host) throws UnknownHostException {
        Optional<InetAddress> literal = ipLiteral(host);
        if (literal.isPresent()) {
            return List.of(literal.get());
        }
        String name = withoutFinalDot(host);
        List<InetAddress> addresses = new ArrayList<>();
        for (int type : new int[] {Type.A, Type.AAAA}) {
            for (Record record : lookup(host, type).records()) {
                addresses.add(InetAddress.getByAddress(name, addressBytes(record)));
            }
        }
        if (addresses.isEmpty()) {
            if (name.equalsIgnoreCase(localHostName)) {
                return List.of(getLocalHost());
            }
            throw new UnknownHostException(host);
        }
        return List.copyOf(addresses);
    }

    @Override
    public InetAddress getByName(String host) throws UnknownHostException {
        return getAllByName(host).iterator().next();
    }

    /** {@link #getByName}, empty instead of {@link UnknownHostException}. */
    public Optional<InetAddress> getByNameQuietly(String host) {
        try {
            return Optional.of(getByName(host));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** 127.0.0.1 named by the configured local host name; the real host is never asked. */
    @Override
    public InetAddress getLocalHost() throws UnknownHostException {
        return InetAddress.getByAddress(localHostName, LOOPBACK);
    }

    /** The PTR target, or the address as text when the zone has none. */
    @Override
    public String getHostName(InetAddress addr) {
        return zone.lookup(ReverseMap.fromAddress(addr), Type.PTR).records().stream()
            .findFirst()
            .map(r -> hostOf(((PTRRecord) r).getTarget()))
            .orElse(addr.getHostAddress());
    }

    private ZoneAnswer lookup(String host, int type) {
        Name name;
        try {
            name = DnsZone.nameOf(host);
        } catch (IllegalArgumentException e) {
            // Not a DNS name at all: no such name, as James's resolver treats an unparsable one.
            return ZoneAnswer.NXDOMAIN;
        }
        return zone.lookup(name, type);
    }

    /**
     * The address an IP literal names: plain, in brackets as in an SMTP address literal
     * (RFC 5321 §4.1.3), or with a trailing dot as an IPv4 MX target sometimes has.
     */
    static Optional<InetAddress> ipLiteral(String host) {
        if (host == null) {
            return Optional.empty();
        }
        String text = host.trim();
        if (text.startsWith("[") && text.endsWith("]")) {
            text = text.substring(1, text.length() - 1);
            if (text.toLowerCase(Locale.ROOT).startsWith("ipv6:")) {
                text = text.substring("ipv6:".length());
            }
        }
        String literal = text.endsWith(".") && !text.contains(":") ? withoutFinalDot(text) : text;
        if (!Address.isDottedQuad(literal) && !literal.contains(":")) {
            return Optional.empty();
        }
        try {
            // Address parses literals only; the host's resolver is never asked.
            byte[] bytes = Address.getByAddress(literal).getAddress();
            return Optional.of(InetAddress.getByAddress(literal, bytes));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static byte[] addressBytes(Record record) {
        if (record instanceof ARecord a) {
            return a.getAddress().getAddress();
        }
        return ((AAAARecord) record).getAddress().getAddress();
    }

    private static String hostOf(Name name) {
        return name.toString(true).toLowerCase(Locale.ROOT);
    }

    private static String withoutFinalDot(String host) {
        String trimmed = host.trim();
        return trimmed.length() > 1 && trimmed.endsWith(".") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }
}
