package dev.postino.deliverability;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.james.jdkim.api.PublicKeyRecordRetriever;
import org.apache.james.jdkim.exceptions.PermFailException;
import org.apache.james.jdkim.exceptions.TempFailException;
import org.xbill.DNS.Cache;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

import dev.postino.core.deliverability.DmarcEvaluation;

/**
 * TXT lookups for inbound verification (DKIM keys, DMARC records) over dnsjava, asking the
 * {@code dns.servers} of postino.properties (the system's resolvers when none): the same servers
 * delivery asks. A TXT record's strings are joined without separators (RFC 7208 §3.3,
 * RFC 6376 §3.6.2.2). Also the jDKIM key retriever and the resolver jSPF uses.
 */
public final class TxtResolver implements PublicKeyRecordRetriever {
    private final Resolver resolver;
    private final Cache cache = new Cache();

    public TxtResolver(List<InetSocketAddress> servers, Duration timeout) {
        ExtendedResolver extended;
        if (servers.isEmpty()) {
            extended = new ExtendedResolver();
        } else {
            List<Resolver> resolvers = new ArrayList<>();
            for (InetSocketAddress server : servers) {
                InetSocketAddress resolved = server.isUnresolved()
                    ? new InetSocketAddress(server.getHostString(), server.getPort()) : server;
                resolvers.add(new SimpleResolver(resolved));
            }
            extended = new ExtendedResolver(resolvers);
        }
        extended.setTimeout(timeout);
        extended.setRetries(2);
        this.resolver = extended;
    }

    public Resolver resolver() {
        return resolver;
    }

    /** The TXT texts of {@code name}; NXDOMAIN and NODATA are empty, anything else temporary. */
    public DmarcEvaluation.Lookup txt(String name) {
        try {
            Lookup lookup = new Lookup(Name.fromString(name.endsWith(".") ? name : name + "."), Type.TXT);
            lookup.setResolver(resolver);
            lookup.setCache(cache);
            Record[] records = lookup.run();
            switch (lookup.getResult()) {
                case Lookup.SUCCESSFUL:
                    List<String> texts = new ArrayList<>();
                    for (Record record : records) {
                        texts.add(String.join("", ((TXTRecord) record).getStrings()));
                    }
                    return DmarcEvaluation.Lookup.of(texts);
                case Lookup.HOST_NOT_FOUND:
                case Lookup.TYPE_NOT_FOUND:
                    return DmarcEvaluation.Lookup.of(List.of());
                default:
                    return DmarcEvaluation.Lookup.tempFailure();
            }
        } catch (TextParseException e) {
            return DmarcEvaluation.Lookup.of(List.of());
        } catch (RuntimeException e) {
            return DmarcEvaluation.Lookup.tempFailure();
        }
    }

    /** jDKIM: the key records of {@code selector._domainkey.token} (RFC 6376 §3.6.2.1). */
    @Override
    public List<String> getRecords(CharSequence methodAndOptions, CharSequence selector, CharSequence token)
        throws TempFailException, PermFailException {
        if (!"dns/txt".equalsIgnoreCase(methodAndOptions.toString())) {
            throw new PermFailException("only dns/txt key lookups are supported, got " + methodAndOptions);
        }
        String name = selector + "._domainkey." + token;
        DmarcEvaluation.Lookup answer = txt(name);
        if (answer.isTemporaryFailure()) {
            throw new TempFailException("DNS lookup of " + name + " failed");
        }
        return answer.texts();
    }
}
