package dev.postino.core.route;

/**
 * In which order one host's IPv4 and IPv6 addresses are tried. Within a family the resolver's
 * order is kept; hosts themselves stay in MX order whatever this says.
 */
public enum AddressPreference {
    /** All IPv6 addresses, then all IPv4 (RFC 6724 §6 default policy). */
    IPV6_FIRST,
    /** All IPv4 addresses, then all IPv6: for hosts whose IPv6 reaches nowhere. */
    IPV4_FIRST,
    /**
     * The default: IPv6, IPv4, IPv6, … starting with IPv6 (RFC 8305 §4 "Happy Eyeballs"
     * interleaving). IPv6 is still tried first, but a broken IPv6 path costs one timeout per host,
     * not one per IPv6 address, and no randomness is needed (unlike Postfix's
     * {@code smtp_address_preference = any}).
     */
    INTERLEAVE
}
