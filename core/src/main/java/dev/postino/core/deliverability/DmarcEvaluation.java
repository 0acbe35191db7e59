package dev.postino.core.deliverability;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Judges a message by DMARC (RFC 7489 §6.6): it passes when SPF passed for a domain aligned with
 * the From domain, or a DKIM signature of an aligned domain verified. Alignment is relaxed
 * (same organizational domain) unless the record says strict. The caller looks the records up
 * (first {@code _dmarc.FROM}, then {@code _dmarc.ORG}) and passes their answers in.
 */
public final class DmarcEvaluation {
    private final UnaryOperator<String> organizationalDomain;

    /** @param organizationalDomain the public-suffix-list rule of RFC 7489 §3.2 (the shell has the list) */
    public DmarcEvaluation(UnaryOperator<String> organizationalDomain) {
        this.organizationalDomain = organizationalDomain;
    }

    /** The answer to one DMARC TXT lookup. */
    public static final class Lookup {
        private final List<String> texts;
        private final boolean temporaryFailure;

        private Lookup(List<String> texts, boolean temporaryFailure) {
            this.texts = List.copyOf(texts);
            this.temporaryFailure = temporaryFailure;
        }

        public static Lookup of(List<String> texts) {
            return new Lookup(texts, false);
        }

        public static Lookup tempFailure() {
            return new Lookup(List.of(), true);
        }

        public List<String> texts() {
            return texts;
        }

        public boolean isTemporaryFailure() {
            return temporaryFailure;
        }
    }

    /** Where the shell finds the TXT records of a name. */
    public interface TxtSource {
        Lookup txt(String name);
    }

    public String organizationalDomain(String domain) {
        return organizationalDomain.apply(domain.toLowerCase(Locale.ROOT));
    }

    /**
     * @param fromDomain the RFC 5322 From domain, empty when the message has no single From domain
     * @param spf SPF's result and the domain it checked (MAIL FROM's, or HELO's for a null sender)
     */
    public DmarcVerdict evaluate(Optional<String> fromDomain, AuthResult spf, String spfDomain, DkimVerdict dkim,
                                 TxtSource dns) {
        if (fromDomain.isEmpty()) {
            return new DmarcVerdict(AuthResult.PERMERROR, "none", "");
        }
        String from = fromDomain.get().toLowerCase(Locale.ROOT);
        String org = organizationalDomain(from);
        Optional<Found> found = record("_dmarc." + from, dns);
        boolean atOrg = false;
        if (found.isPresent() && found.get().temporary) {
            return new DmarcVerdict(AuthResult.TEMPERROR, "none", from);
        }
        if ((found.isEmpty() || found.get().record.isEmpty()) && !org.equals(from)) {
            found = record("_dmarc." + org, dns);
            atOrg = true;
            if (found.isPresent() && found.get().temporary) {
                return new DmarcVerdict(AuthResult.TEMPERROR, "none", from);
            }
        }
        if (found.isEmpty() || found.get().record.isEmpty()) {
            return new DmarcVerdict(AuthResult.NONE, "none", from);
        }
        DmarcRecord record = found.get().record.get();
        String policy = atOrg ? record.subdomainPolicy() : record.policy();
        boolean spfAligned = spf == AuthResult.PASS && aligned(spfDomain, from, record.strictSpf());
        boolean dkimAligned = dkim.result() == AuthResult.PASS
            && dkim.signers().stream().anyMatch(s -> aligned(s.domain(), from, record.strictDkim()));
        return new DmarcVerdict(spfAligned || dkimAligned ? AuthResult.PASS : AuthResult.FAIL, policy, from);
    }

    private boolean aligned(String domain, String from, boolean strict) {
        if (domain == null || domain.isEmpty()) {
            return false;
        }
        String lower = domain.toLowerCase(Locale.ROOT);
        return strict ? lower.equals(from) : organizationalDomain(lower).equals(organizationalDomain(from));
    }

    private static final class Found {
        final Optional<DmarcRecord> record;
        final boolean temporary;

        Found(Optional<DmarcRecord> record, boolean temporary) {
            this.record = record;
            this.temporary = temporary;
        }
    }

    /** RFC 7489 §6.6.3: only records starting v=DMARC1 count; more than one means none. */
    private static Optional<Found> record(String name, TxtSource dns) {
        Lookup lookup = dns.txt(name);
        if (lookup.temporaryFailure) {
            return Optional.of(new Found(Optional.empty(), true));
        }
        List<DmarcRecord> records = new ArrayList<>();
        for (String text : lookup.texts) {
            if (text.trim().startsWith("v=DMARC1")) {
                DmarcRecord.parse(text).ifPresent(records::add);
            }
        }
        return records.size() == 1 ? Optional.of(new Found(Optional.of(records.get(0)), false)) : Optional.empty();
    }
}
