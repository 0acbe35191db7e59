package dev.postino.delivery;

import dev.postino.core.route.AddressLookup;
import dev.postino.core.route.MxLookup;

/**
 * The DNS questions delivery asks, answered as values that keep what James's {@code DNSService}
 * hides: MX preferences, null MX, NXDOMAIN versus no data, temporary failure, and IPv6.
 * Never throws for a DNS problem: that is a {@code TEMP_FAILURE} value.
 */
public interface MxResolver {
    MxLookup lookupMx(String domain);

    /** A and AAAA of one host, merged. */
    AddressLookup lookupAddresses(String host);
}
