package dev.postino.delivery;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Cache;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

import dev.postino.core.route.AddressLookup;
import dev.postino.core.route.MxLookup;
import dev.postino.core.route.MxRecord;

/**
 * {@link MxResolver} on dnsjava (which every James ships). Asks the configured servers (each
 * {@code host:port}), or the system's resolvers when none are configured. No search path and no
 * shared state with James's own resolver; answers are cached for their TTL.
 */
public final class DnsjavaMxResolver implements MxResolver {
    private final Resolver resolver;
    // Our own cache, so James's resolver settings are untouched; it honours the records' TTLs.
    private final Cache cache = new Cache();

    public DnsjavaMxResolver(List<InetSocketAddress> servers, Duration timeout) {
        ExtendedResolver extended = servers.isEmpty()
            ? new ExtendedResolver()
            : new ExtendedResolver(toResolvers(servers));
        extended.setTimeout(timeout);
        extended.setRetries(2);
        this.resolver = extended;
    }

    private static List<Resolver> toResolvers(List<InetSocketAddress> servers) {
        List<Resolver> resolvers = new ArrayList<>();
        for (InetSocketAddress server : servers) {
            // Configured as text; a literal address resolves without any lookup.
            InetSocketAddress resolved = server.isUnresolved()
                ? new InetSocketAddress(server.getHostString(), server.getPort()) : server;
            if (resolved.isUnresolved()) {
                throw new IllegalArgumentException("DNS server " + server.getHostString() + " cannot be resolved");
            }
            resolvers.add(new SimpleResolver(resolved));
        }
        return resolvers;
    }

    @Override
    public MxLookup lookupMx(String domain) {
        Answer answer = ask(domain, Type.MX);
        switch (answer.result) {
            case Lookup.SUCCESSFUL:
                List<MxRecord> records = new ArrayList<>();
                for (Record record : answer.records) {
                    MXRecord mx = (MXRecord) record;
                    records.add(MxRecord.of(mx.getPriority(), hostName(mx.getTarget())));
                }
                return MxLookup.records(records);
            case Lookup.TYPE_NOT_FOUND:
                return MxLookup.noRecords();
            case Lookup.HOST_NOT_FOUND:
                return MxLookup.nxdomain();
            default:
                // TRY_AGAIN, UNRECOVERABLE (SERVFAIL, REFUSED…), bad names: temporary on purpose,
                // a broken resolver must not bounce mail.
                return MxLookup.tempFailure("MX lookup of " + domain + ": " + answer.error);
        }
    }

    @Override
    public AddressLookup lookupAddresses(String host) {
        return AddressLookup.merge(addresses(host, Type.AAAA), addresses(host, Type.A));
    }

    private AddressLookup addresses(String host, int type) {
        Answer answer = ask(host, type);
        switch (answer.result) {
            case Lookup.SUCCESSFUL:
                List<String> ips = new ArrayList<>();
                for (Record record : answer.records) {
                    if (record instanceof ARecord) {
                        ips.add(((ARecord) record).getAddress().getHostAddress());
                    } else if (record instanceof AAAARecord) {
                        ips.add(((AAAARecord) record).getAddress().getHostAddress());
                    }
                }
                return ips.isEmpty() ? AddressLookup.noAddresses() : AddressLookup.addresses(ips);
            case Lookup.TYPE_NOT_FOUND:
                return AddressLookup.noAddresses();
            case Lookup.HOST_NOT_FOUND:
                return AddressLookup.nxdomain();
            default:
                return AddressLookup.tempFailure(Type.string(type) + " lookup of " + host + ": " + answer.error);
        }
    }

    /** "." stays "." (null MX); other names lose the trailing dot. */
    private static String hostName(Name name) {
        String text = name.toString();
        return text.length() > 1 && text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
    }

    private Answer ask(String name, int type) {
        try {
            Lookup lookup = new Lookup(Name.fromString(name.endsWith(".") ? name : name + "."), type);
            lookup.setResolver(resolver);
            lookup.setCache(cache);
            Record[] records = lookup.run();
            return new Answer(lookup.getResult(), records == null ? new Record[0] : records, lookup.getErrorString());
        } catch (TextParseException e) {
            return new Answer(Lookup.UNRECOVERABLE, new Record[0], "bad name: " + e.getMessage());
        } catch (Exception e) {
            return new Answer(Lookup.TRY_AGAIN, new Record[0], e.toString());
        }
    }

    private static final class Answer {
        final int result;
        final Record[] records;
        final String error;

        Answer(int result, Record[] records, String error) {
            this.result = result;
            this.records = records;
            this.error = error;
        }
    }
}
