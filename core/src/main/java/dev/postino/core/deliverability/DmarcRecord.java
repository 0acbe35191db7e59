package dev.postino.core.deliverability;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The parts of a DMARC record (RFC 7489 §6.3) that judging a message needs: p, sp, adkim, aspf. */
public final class DmarcRecord {
    private final String policy;
    private final String subdomainPolicy;
    private final boolean strictDkim;
    private final boolean strictSpf;

    private DmarcRecord(String policy, String subdomainPolicy, boolean strictDkim, boolean strictSpf) {
        this.policy = policy;
        this.subdomainPolicy = subdomainPolicy;
        this.strictDkim = strictDkim;
        this.strictSpf = strictSpf;
    }

    /**
     * The record, or empty when {@code text} is not a valid DMARC record (RFC 7489 §6.6.3: such a
     * record is ignored): it must start with {@code v=DMARC1} and carry a known {@code p=}.
     */
    public static Optional<DmarcRecord> parse(String text) {
        Map<String, String> tags = new HashMap<>();
        String[] parts = text.split(";");
        for (String part : parts) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                tags.putIfAbsent(part.substring(0, eq).trim().toLowerCase(Locale.ROOT), part.substring(eq + 1).trim());
            }
        }
        if (!parts[0].trim().replace(" ", "").equals("v=DMARC1")) {
            return Optional.empty();
        }
        String p = tags.getOrDefault("p", "").toLowerCase(Locale.ROOT);
        if (!isPolicy(p)) {
            return Optional.empty();
        }
        String sp = tags.getOrDefault("sp", p).toLowerCase(Locale.ROOT);
        return Optional.of(new DmarcRecord(p, isPolicy(sp) ? sp : p,
            "s".equalsIgnoreCase(tags.get("adkim")), "s".equalsIgnoreCase(tags.get("aspf"))));
    }

    private static boolean isPolicy(String p) {
        return p.equals("none") || p.equals("quarantine") || p.equals("reject");
    }

    /** none, quarantine or reject. */
    public String policy() {
        return policy;
    }

    public String subdomainPolicy() {
        return subdomainPolicy;
    }

    public boolean strictDkim() {
        return strictDkim;
    }

    public boolean strictSpf() {
        return strictSpf;
    }
}
