package dev.postino.core.route;

import dev.postino.core.smtp.EnhancedStatus;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Turns the MX answer for a domain into the ordered list of mail exchangers to try (RFC 5321
 * §5.1), or into the failure that ends delivery without connecting anywhere.
 *
 * <ul>
 *   <li>NXDOMAIN → permanent 5.1.2 (bad destination system address, RFC 3463).</li>
 *   <li>Temporary DNS failure → temporary 4.4.3 (directory server failure, RFC 3463).</li>
 *   <li>No MX records → the implicit MX: the domain itself at preference 0 (RFC 5321 §5.1).</li>
 *   <li>A {@code "."} target anywhere → null MX, permanent 5.1.10 (RFC 7505 §3-4). A null MX
 *       must be the only record; if it is not, the domain still said it takes no mail.</li>
 *   <li>One of our own names among the hosts → drop it and every host that is not strictly more
 *       preferred (RFC 5321 §5.1); none left → permanent 5.4.6 (routing loop, RFC 3463). The
 *       implicit MX is checked the same way. Only names are compared: an MX that reaches us
 *       under another name is caught later by {@link ReceivedLoopPolicy}.</li>
 *   <li>Order by preference, lower first; equal preferences in a random order drawn from the
 *       caller's {@link Random} (RFC 5321 §5.1 "randomize", which spreads load). Hosts are
 *       sorted by name before shuffling, so a seed gives one order whatever the DNS answer order.</li>
 *   <li>A host listed twice is kept at its first place; at most {@code maxHosts} are kept
 *       (Postfix {@code smtp_mx_session_limit}-like), cut after shuffling.</li>
 * </ul>
 */
public final class MxSelection {
    /** Hosts tried per delivery attempt unless configured otherwise. */
    public static final int DEFAULT_MAX_HOSTS = 5;

    private final Set<String> ourHostNames;
    private final int maxHosts;

    /**
     * @param ourHostNames the names this server is known by (compared case-insensitively)
     * @param maxHosts     how many MX hosts to keep, at least 1
     */
    public MxSelection(Set<String> ourHostNames, int maxHosts) {
        if (maxHosts < 1) {
            throw new IllegalArgumentException("maxHosts must be at least 1, got " + maxHosts);
        }
        this.ourHostNames = ourHostNames.stream().map(DomainName::normalize).collect(Collectors.toUnmodifiableSet());
        this.maxHosts = maxHosts;
    }

    public static MxSelection withDefaults(Set<String> ourHostNames) {
        return new MxSelection(ourHostNames, DEFAULT_MAX_HOSTS);
    }

    /**
     * The hosts to try for {@code domain}, given what its MX query returned. Pass one long-lived
     * {@link Random}: fresh ones seeded with nearby numbers (a counter, a clock) draw nearly the
     * same first numbers and would send every delivery to the same host.
     */
    public MxPlan plan(String domain, MxLookup lookup, Random random) {
        String name = DomainName.normalize(domain);
        List<MxRecord> records;
        switch (lookup.kind()) {
            case NXDOMAIN:
                return failed(EnhancedStatus.of(5, 1, 2), "domain " + name + " does not exist (DNS NXDOMAIN)");
            case TEMP_FAILURE:
                return failed(EnhancedStatus.of(4, 4, 3),
                    "temporary DNS failure looking up MX for " + name + ": " + lookup.failureText());
            case NO_RECORDS:
                records = List.of(MxRecord.of(0, name));
                break;
            default:
                records = lookup.records();
        }
        if (records.stream().anyMatch(MxRecord::isNullMx)) {
            return failed(EnhancedStatus.of(5, 1, 10), "domain " + name + " accepts no mail (null MX, RFC 7505)");
        }
        List<MxRecord> usable = withoutOurselves(records);
        if (usable.isEmpty()) {
            return failed(EnhancedStatus.of(5, 4, 6), "mail for " + name + " loops back to this server (MX "
                + ourselvesAmong(records) + " is one of our names)");
        }
        return MxPlan.hosts(ordered(usable, random));
    }

    // RFC 5321 §5.1: discard our own record and all that are not more preferred than it.
    private List<MxRecord> withoutOurselves(List<MxRecord> records) {
        int ourPreference = records.stream().filter(r -> ourHostNames.contains(r.host()))
            .mapToInt(MxRecord::preference).min().orElse(Integer.MAX_VALUE);
        return records.stream().filter(r -> r.preference() < ourPreference).collect(Collectors.toList());
    }

    private String ourselvesAmong(List<MxRecord> records) {
        return records.stream().filter(r -> ourHostNames.contains(r.host()))
            .min(Comparator.comparingInt(MxRecord::preference)).map(MxRecord::host).orElse("?");
    }

    private List<String> ordered(List<MxRecord> records, Random random) {
        Map<Integer, List<String>> byPreference = new TreeMap<>();
        for (MxRecord r : records) {
            byPreference.computeIfAbsent(r.preference(), p -> new ArrayList<>()).add(r.host());
        }
        Set<String> hosts = new LinkedHashSet<>();
        for (List<String> equals : byPreference.values()) {
            Collections.sort(equals);
            Collections.shuffle(equals, random);
            hosts.addAll(equals);
        }
        return hosts.stream().limit(maxHosts).collect(Collectors.toList());
    }

    private static MxPlan failed(EnhancedStatus status, String text) {
        return MxPlan.failed(RouteFailure.of(status, text));
    }
}
