package dev.postino.core.deliverability;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The DNS records a domain served by this server should publish so that the big receivers accept
 * its mail (Gmail's and Yahoo's 2024 sender requirements: SPF, DKIM, DMARC, a valid HELO):
 * <ul>
 *   <li>MX → our host ({@code helo.name});</li>
 *   <li>SPF (RFC 7208): {@code v=spf1 mx ~all}, "our MX hosts send this domain's mail", soft-fail
 *       for the rest: a start that does not lose the mail of a sender the admin forgot;</li>
 *   <li>DKIM (RFC 6376 §3.6.1): {@code selector._domainkey}, {@code v=DKIM1; k=rsa; p=…};</li>
 *   <li>DMARC (RFC 7489 §6.3): {@code _dmarc}, {@code p=none} with aggregate reports to
 *       postmaster: observe first, then tighten to quarantine/reject;</li>
 *   <li>MTA-STS (RFC 8461): {@code _mta-sts} TXT whose id changes when the policy does, plus the
 *       policy text to serve at {@code https://mta-sts.DOMAIN/.well-known/mta-sts.txt}
 *       ({@code mode: testing} to start);</li>
 *   <li>TLS-RPT (RFC 8460): {@code _smtp._tls}, reports to postmaster.</li>
 * </ul>
 */
public final class DomainDnsRecords {
    private final String domain;
    private final String mxHost;
    private final Optional<DkimPublicKey> dkim;

    public DomainDnsRecords(String domain, String mxHost, Optional<DkimPublicKey> dkim) {
        this.domain = absent(domain);
        this.mxHost = absent(mxHost);
        this.dkim = dkim;
    }

    private static String absent(String name) {
        String lower = name.trim().toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }

    public List<DnsRecord> records() {
        List<DnsRecord> records = new ArrayList<>();
        String owner = domain + ".";
        String report = "mailto:postmaster@" + domain;
        records.add(new DnsRecord(owner, "MX", "10 " + mxHost + ".", "mail for " + domain + " comes to this server"));
        records.add(new DnsRecord(owner, "TXT", "v=spf1 mx ~all",
            "SPF: this domain's MX hosts send its mail; others soft-fail (tighten to -all once sure)"));
        dkim.ifPresent(key -> records.add(new DnsRecord(key.selector() + "._domainkey." + owner, "TXT",
            "v=DKIM1; k=rsa; p=" + key.base64(), "DKIM: the public key of selector " + key.selector())));
        records.add(new DnsRecord("_dmarc." + owner, "TXT", "v=DMARC1; p=none; rua=" + report,
            "DMARC: observe with aggregate reports first (p=none), then p=quarantine or p=reject"));
        records.add(new DnsRecord("_mta-sts." + owner, "TXT", "v=STSv1; id=" + mtaStsId(),
            "MTA-STS: serve mtaStsPolicy at https://mta-sts." + domain + "/.well-known/mta-sts.txt"));
        records.add(new DnsRecord("_smtp._tls." + owner, "TXT", "v=TLSRPTv1; rua=" + report,
            "TLS-RPT: senders report TLS failures to postmaster"));
        return records;
    }

    /** The MTA-STS policy to serve over HTTPS (RFC 8461 §3.2), testing mode to start. */
    public String mtaStsPolicy() {
        return "version: STSv1\nmode: testing\nmx: " + mxHost + "\nmax_age: 604800\n";
    }

    /** Changes exactly when the policy changes (RFC 8461 §3.1: id is opaque, 1-32 alphanumerics). */
    private String mtaStsId() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(mtaStsPolicy().getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder();
            for (int i = 0; i < 8; i++) {
                hex.append(String.format("%02x", digest[i]));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java", e);
        }
    }

    /**
     * The records as zone-file text (RFC 1035 §5.1): TXT values quoted and cut into strings of at
     * most 255 characters (RFC 7208 §3.3, RFC 6376 §3.6.2.2), one record per line.
     */
    public static String zoneText(String domain, List<DnsRecord> records, String mtaStsPolicy) {
        StringBuilder zone = new StringBuilder();
        zone.append("; DNS records for ").append(absent(domain)).append(", suggested by Postino\n");
        for (DnsRecord record : records) {
            zone.append("; ").append(record.purpose()).append('\n');
            zone.append(record.name()).append("\t3600\tIN\t").append(record.type()).append('\t');
            zone.append(record.type().equals("TXT") ? quoted(record.value()) : record.value()).append('\n');
        }
        zone.append(";\n; MTA-STS policy, served at https://mta-sts.").append(absent(domain))
            .append("/.well-known/mta-sts.txt:\n");
        for (String line : mtaStsPolicy.split("\n")) {
            zone.append(";   ").append(line).append('\n');
        }
        return zone.toString();
    }

    private static String quoted(String text) {
        List<String> parts = new ArrayList<>();
        for (int start = 0; start < text.length(); start += 255) {
            parts.add("\"" + text.substring(start, Math.min(text.length(), start + 255)).replace("\\", "\\\\")
                .replace("\"", "\\\"") + "\"");
        }
        return String.join(" ", parts);
    }
}
