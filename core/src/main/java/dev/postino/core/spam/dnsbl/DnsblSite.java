package dev.postino.core.spam.dnsbl;

import java.util.Locale;
import java.util.Objects;

/**
 * One entry of a blocklist setting: {@code zone[=filter][*weight]}, as Postfix's
 * {@code postscreen_dnsbl_sites}. The weight (default 1, may be negative for allowlists, may have
 * decimals) is added to the spam score when the zone answers with a reply the filter accepts.
 */
public final class DnsblSite {
    private final String zone;
    private final ReplyFilter filter;
    private final double weight;

    private DnsblSite(String zone, ReplyFilter filter, double weight) {
        this.zone = zone;
        this.filter = filter;
        this.weight = weight;
    }

    /** Parses one entry; the message of the exception names the entry and what is wrong. */
    public static DnsblSite parse(String entry) {
        String rest = entry.trim();
        double weight = 1.0;
        int star = rest.lastIndexOf('*');
        if (star >= 0) {
            String w = rest.substring(star + 1);
            try {
                weight = Double.parseDouble(w);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("blocklist entry '" + entry + "': weight '" + w + "' is not a number");
            }
            if (Double.isNaN(weight) || Double.isInfinite(weight)) {
                throw new IllegalArgumentException("blocklist entry '" + entry + "': weight must be finite");
            }
            rest = rest.substring(0, star);
        }
        ReplyFilter filter = ReplyFilter.ANY;
        int eq = rest.indexOf('=');
        if (eq >= 0) {
            try {
                filter = ReplyFilter.parse(rest.substring(eq + 1));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("blocklist entry '" + entry + "': " + e.getMessage(), e);
            }
            rest = rest.substring(0, eq);
        }
        String zone = rest.toLowerCase(Locale.ROOT);
        while (zone.endsWith(".")) {
            zone = zone.substring(0, zone.length() - 1);
        }
        if (!isZoneName(zone)) {
            throw new IllegalArgumentException("blocklist entry '" + entry + "': '" + rest + "' is not a DNS zone name");
        }
        return new DnsblSite(zone, filter, weight);
    }

    private static boolean isZoneName(String zone) {
        if (zone.isEmpty() || zone.length() > 200 || zone.indexOf('.') <= 0 || zone.contains("..")) {
            return false;
        }
        for (int i = 0; i < zone.length(); i++) {
            char c = zone.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_')) {
                return false;
            }
        }
        return true;
    }

    public String zone() {
        return zone;
    }

    public double weight() {
        return weight;
    }

    /** True when the zone's reply (an IPv4 dotted quad) counts for this entry. */
    public boolean accepts(String reply) {
        return filter.matches(reply);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof DnsblSite)) {
            return false;
        }
        DnsblSite that = (DnsblSite) o;
        return zone.equals(that.zone) && filter.toString().equals(that.filter.toString())
            && Double.compare(weight, that.weight) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(zone, filter.toString(), weight);
    }

    @Override
    public String toString() {
        String f = filter.toString();
        return zone + (f.isEmpty() ? "" : "=" + f) + (weight == 1.0 ? "" : "*" + weight);
    }
}
