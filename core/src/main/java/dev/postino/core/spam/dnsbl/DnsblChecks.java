package dev.postino.core.spam.dnsbl;

import dev.postino.core.spam.SpamInput;
import dev.postino.core.spam.SpamRule;
import dev.postino.core.spam.mime.UrlHosts;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The blocklist checks of one configuration: the client address against the DNSBL zones of
 * {@code clientSites}, and the domains of the message's links against the URI blocklist zones of
 * {@code linkSites} (SURBL/URIBL style: {@code example.com.zone}). {@link #queries} gives the
 * shell the names to look up; {@link #rules} score the answers it puts in the input.
 *
 * <p>Link hosts are reduced to their last two labels and, for hosts with more, also their last
 * three ({@code www.shop.example.co.uk} → {@code co.uk}, {@code example.co.uk}): without a public
 * suffix list that covers both {@code example.com} and {@code example.co.uk}; the extra name costs
 * one NXDOMAIN. At most {@link #MAX_LINK_DOMAINS} domains per message are asked, in order of
 * appearance, so a message stuffed with links costs a bounded number of lookups.
 */
public final class DnsblChecks {
    public static final int MAX_LINK_DOMAINS = 10;
    private static final DnsblChecks NONE = new DnsblChecks(DnsblSites.none(), DnsblSites.none());

    private final DnsblSites clientSites;
    private final DnsblSites linkSites;

    public DnsblChecks(DnsblSites clientSites, DnsblSites linkSites) {
        this.clientSites = clientSites;
        this.linkSites = linkSites;
    }

    public static DnsblChecks none() {
        return NONE;
    }

    public boolean isEmpty() {
        return clientSites.isEmpty() && linkSites.isEmpty();
    }

    /** Every name whose A records the rules need for this input. */
    public Set<String> queries(SpamInput input) {
        Set<String> names = new LinkedHashSet<>();
        for (String zone : clientSites.byZone().keySet()) {
            clientSubjects(input).forEach((shown, label) -> names.add(label + "." + zone));
        }
        for (String zone : linkSites.byZone().keySet()) {
            linkSubjects(input).forEach((shown, label) -> names.add(label + "." + zone));
        }
        return names;
    }

    /** One rule per zone: {@code DNSBL_ZONE} for the client, {@code URIBL_ZONE} for links. */
    public List<SpamRule> rules() {
        List<SpamRule> rules = new ArrayList<>();
        clientSites.byZone().forEach((zone, sites) -> rules.add(new DnsblRule("DNSBL_" + testName(zone), zone, sites,
            "client", DnsblChecks::clientSubjects)));
        linkSites.byZone().forEach((zone, sites) -> rules.add(new DnsblRule("URIBL_" + testName(zone), zone, sites,
            "link domain", DnsblChecks::linkSubjects)));
        return rules;
    }

    /** The client address, shown as given, with its reversed labels; nothing when unknown. */
    static Map<String, String> clientSubjects(SpamInput input) {
        Map<String, String> subjects = new LinkedHashMap<>();
        input.clientAddress().ifPresent(address -> ReverseNames.of(address).ifPresent(r -> subjects.put(address, r)));
        return subjects;
    }

    /** Link domains (or reversed IP literals) in order of appearance, at most {@link #MAX_LINK_DOMAINS}. */
    static Map<String, String> linkSubjects(SpamInput input) {
        Map<String, String> subjects = new LinkedHashMap<>();
        for (String url : input.message().urls()) {
            Optional<String> host = UrlHosts.hostOf(url);
            if (host.isEmpty()) {
                continue;
            }
            String h = host.get().toLowerCase(Locale.ROOT);
            if (UrlHosts.isIpLiteral(h)) {
                Optional<String> reversed = ReverseNames.of(h);
                if (reversed.isPresent()) {
                    putBounded(subjects, h, reversed.get());
                }
                continue;
            }
            String[] labels = h.split("\\.");
            if (labels.length >= 2) {
                String two = labels[labels.length - 2] + "." + labels[labels.length - 1];
                putBounded(subjects, two, two);
            }
            if (labels.length >= 3) {
                String three = labels[labels.length - 3] + "." + labels[labels.length - 2] + "." + labels[labels.length - 1];
                putBounded(subjects, three, three);
            }
            if (subjects.size() >= MAX_LINK_DOMAINS) {
                break;
            }
        }
        return subjects;
    }

    private static void putBounded(Map<String, String> subjects, String shown, String label) {
        if (subjects.size() < MAX_LINK_DOMAINS) {
            subjects.putIfAbsent(shown, label);
        }
    }

    /** "zen.example.org" → "ZEN_EXAMPLE_ORG", a valid test name. */
    static String testName(String zone) {
        StringBuilder name = new StringBuilder(zone.length());
        for (int i = 0; i < zone.length(); i++) {
            char c = Character.toUpperCase(zone.charAt(i));
            name.append((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ? c : '_');
        }
        return name.toString();
    }

    @Override
    public String toString() {
        return "client=" + clientSites + " links=" + linkSites;
    }
}
