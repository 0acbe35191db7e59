package dev.postino.core.spam.dnsbl;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A blocklist setting: entries separated by commas or white space, as Postfix's
 * {@code postscreen_dnsbl_sites}:
 * <pre>
 * zen.example.org=127.0.0.[2..11]*3, bl.example.net*2
 * list.allow.example=127.0.[0..255].[1..3]*-2
 * </pre>
 * A zone may appear in several entries with different filters; each entry a reply matches adds
 * its weight. An empty setting means no lookups.
 */
public final class DnsblSites {
    private static final DnsblSites NONE = new DnsblSites(List.of());

    private final List<DnsblSite> sites;

    private DnsblSites(List<DnsblSite> sites) {
        this.sites = Collections.unmodifiableList(sites);
    }

    public static DnsblSites none() {
        return NONE;
    }

    public static DnsblSites parse(String setting) {
        List<DnsblSite> sites = new ArrayList<>();
        for (String entry : setting.trim().split("[,\\s]+")) {
            if (!entry.isEmpty()) {
                sites.add(DnsblSite.parse(entry));
            }
        }
        return new DnsblSites(sites);
    }

    public List<DnsblSite> sites() {
        return sites;
    }

    public boolean isEmpty() {
        return sites.isEmpty();
    }

    /** The entries grouped by zone, zones in the order first written. */
    Map<String, List<DnsblSite>> byZone() {
        Map<String, List<DnsblSite>> zones = new LinkedHashMap<>();
        for (DnsblSite site : sites) {
            zones.computeIfAbsent(site.zone(), z -> new ArrayList<>()).add(site);
        }
        return zones;
    }

    @Override
    public String toString() {
        return sites.toString();
    }
}
