package dev.postino.webadmin;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.core.Domain;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.domainlist.api.DomainListException;
import org.apache.james.webadmin.Routes;
import org.apache.james.webadmin.utils.ErrorResponder;
import org.apache.james.webadmin.utils.ErrorResponder.ErrorType;
import org.apache.james.webadmin.utils.JsonTransformer;
import org.eclipse.jetty.http.HttpStatus;

import dev.postino.core.deliverability.DkimPublicKey;
import dev.postino.core.deliverability.DnsRecord;
import dev.postino.core.deliverability.DomainDnsRecords;
import dev.postino.core.deliverability.DomainNames;
import dev.postino.deliverability.DkimKey;
import dev.postino.deliverability.DkimKeyStore;
import dev.postino.deliverability.HostIdentity;
import spark.Request;
import spark.Response;
import spark.Service;

/**
 * DKIM keys and the DNS records to publish, per domain James serves:
 * <ul>
 *   <li>{@code POST /postino/domains/{domain}/dkim} makes an RSA 2048 key and a selector →
 *       201 with the selector and the DKIM TXT record; 409 when the domain has a key already
 *       (replacing it would break the published record and every signature in flight);</li>
 *   <li>{@code GET /postino/domains/{domain}/dns} → MX, SPF, DKIM, DMARC, MTA-STS and TLS-RPT
 *       records as JSON, or as zone-file text with {@code ?format=zone} or
 *       {@code Accept: text/plain}.</li>
 * </ul>
 * 400 names a malformed domain (or {@code format}); 404 a domain James does not serve.
 * Listed in {@code webadmin.properties}: {@code extensions.routes=dev.postino.webadmin.DomainDnsRoutes}.
 */
public class DomainDnsRoutes implements Routes {
    public static final String BASE_PATH = "/postino/domains";

    private final DomainList domains;
    private final DkimKeyStore keys;
    private final HostIdentity host;
    private final JsonTransformer json;

    @Inject
    public DomainDnsRoutes(DomainList domains, DkimKeyStore keys, HostIdentity host, JsonTransformer json) {
        this.domains = domains;
        this.keys = keys;
        this.host = host;
        this.json = json;
    }

    @Override
    public String getBasePath() {
        return BASE_PATH;
    }

    @Override
    public void define(Service service) {
        service.post(BASE_PATH + "/:domain/dkim", this::createKey, json);
        service.get(BASE_PATH + "/:domain/dns", this::dns);
    }

    private Object createKey(Request request, Response response) {
        String domain = servedDomain(request);
        DkimKey key;
        try {
            key = keys.create(domain);
        } catch (IllegalStateException | UncheckedIOException e) {
            throw unreadableKey(domain, e);
        } catch (DkimKeyStore.KeyExists e) {
            throw ErrorResponder.builder().statusCode(HttpStatus.CONFLICT_409).type(ErrorType.WRONG_STATE)
                .message("domain %s already has a DKIM key (selector %s); it is kept", domain,
                    keys.key(domain).map(DkimKey::selector).orElse("?"))
                .haltError();
        }
        response.status(HttpStatus.CREATED_201);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("domain", domain);
        body.put("selector", key.selector());
        body.put("algorithm", "rsa-sha256");
        body.put("bits", key.bits());
        body.put("record", record(dkimRecord(domain, key.publicKey())));
        return body;
    }

    private Object dns(Request request, Response response) throws Exception {
        String domain = servedDomain(request);
        boolean zone = wantsZone(request);
        Optional<DkimPublicKey> dkim;
        try {
            dkim = keys.key(domain).map(DkimKey::publicKey);
        } catch (IllegalStateException | UncheckedIOException e) {
            throw unreadableKey(domain, e);
        }
        DomainDnsRecords suggestion = new DomainDnsRecords(domain, host.hostName(), dkim);
        List<DnsRecord> records = suggestion.records();
        if (zone) {
            response.type("text/plain; charset=utf-8");
            return DomainDnsRecords.zoneText(domain, records, suggestion.mtaStsPolicy());
        }
        response.type("application/json");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("domain", domain);
        List<Object> list = new ArrayList<>();
        records.forEach(r -> list.add(record(r)));
        body.put("records", list);
        body.put("mtaStsPolicy", suggestion.mtaStsPolicy());
        if (dkim.isEmpty()) {
            body.put("missing", List.of("no DKIM key yet: POST " + BASE_PATH + "/" + domain + "/dkim"));
        }
        return json.render(body);
    }

    /**
     * A key file that cannot be read (damaged, or put there by hand without its selector): a 500 that
     * says which file, where James's own answer would only say "unexpected internal error". The file
     * is left as it is: replacing it would break the published record.
     */
    private static spark.HaltException unreadableKey(String domain, RuntimeException e) {
        return ErrorResponder.builder().statusCode(HttpStatus.INTERNAL_SERVER_ERROR_500).type(ErrorType.SERVER_ERROR)
            .message("the DKIM key of %s cannot be read (fix or remove the file; it is kept): %s", domain, e.getMessage())
            .cause(e).haltError();
    }

    private static DnsRecord dkimRecord(String domain, DkimPublicKey key) {
        return new DomainDnsRecords(domain, domain, Optional.of(key)).records().stream()
            .filter(r -> r.name().startsWith(key.selector() + "._domainkey.")).findFirst().orElseThrow();
    }

    private static Map<String, Object> record(DnsRecord record) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("name", record.name());
        map.put("type", record.type());
        map.put("value", record.value());
        map.put("purpose", record.purpose());
        return map;
    }

    private static boolean wantsZone(Request request) {
        String format = request.queryParams("format");
        if (format != null) {
            switch (format) {
                case "zone":
                    return true;
                case "json":
                    return false;
                default:
                    throw ErrorResponder.builder().statusCode(HttpStatus.BAD_REQUEST_400).type(ErrorType.INVALID_ARGUMENT)
                        .message("format must be 'json' or 'zone', got '%s'", format).haltError();
            }
        }
        String accept = Optional.ofNullable(request.headers("Accept")).orElse("").toLowerCase(Locale.ROOT);
        return accept.contains("text/plain") && !accept.contains("application/json");
    }

    private String servedDomain(Request request) {
        String raw = request.params("domain");
        String domain = DomainNames.normalized(raw).orElseThrow(() -> ErrorResponder.builder()
            .statusCode(HttpStatus.BAD_REQUEST_400).type(ErrorType.INVALID_ARGUMENT)
            .message("domain: '%s' is not a domain name", raw).haltError());
        try {
            if (!domains.containsDomain(Domain.of(domain))) {
                throw ErrorResponder.builder().statusCode(HttpStatus.NOT_FOUND_404).type(ErrorType.NOT_FOUND)
                    .message("domain %s is not served by this server", domain).haltError();
            }
        } catch (DomainListException e) {
            throw ErrorResponder.builder().statusCode(HttpStatus.INTERNAL_SERVER_ERROR_500).type(ErrorType.SERVER_ERROR)
                .message("cannot read the domain list").cause(e).haltError();
        }
        return domain;
    }
}
