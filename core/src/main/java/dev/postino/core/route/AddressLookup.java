package dev.postino.core.route;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * What the resolver answered for one host's addresses (A and AAAA, RFC 1035 / RFC 3596):
 * addresses, an empty answer (NOERROR/NODATA), a name that does not exist (NXDOMAIN), or a
 * temporary failure. The engine makes one per query and combines the A and AAAA answers with
 * {@link #merge}.
 */
public final class AddressLookup {
    /** The four answers an address query can have. */
    public enum Kind { ADDRESSES, NO_ADDRESSES, NXDOMAIN, TEMP_FAILURE }

    private static final AddressLookup NO_ADDRESSES = new AddressLookup(Kind.NO_ADDRESSES, List.of(), null);
    private static final AddressLookup NXDOMAIN = new AddressLookup(Kind.NXDOMAIN, List.of(), null);

    private final Kind kind;
    private final List<String> addresses;
    private final String failureText;

    private AddressLookup(Kind kind, List<String> addresses, String failureText) {
        this.kind = kind;
        this.addresses = addresses;
        this.failureText = failureText;
    }

    /** At least one IPv4 or IPv6 address in text form, in the resolver's order. */
    public static AddressLookup addresses(List<String> addresses) {
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("an address answer has at least one address; use noAddresses()");
        }
        for (String address : addresses) {
            if (address == null || !IpLiteral.isIp(address)) {
                throw new IllegalArgumentException("not an IP address: '" + address + "'");
            }
        }
        return new AddressLookup(Kind.ADDRESSES, List.copyOf(new LinkedHashSet<>(addresses)), null);
    }

    public static AddressLookup noAddresses() {
        return NO_ADDRESSES;
    }

    public static AddressLookup nxdomain() {
        return NXDOMAIN;
    }

    public static AddressLookup tempFailure(String text) {
        return new AddressLookup(Kind.TEMP_FAILURE, List.of(), Objects.requireNonNull(text, "text"));
    }

    /**
     * One answer for a host from its A and its AAAA answers. Any addresses win (the other family's
     * failure only costs that family, as in Postfix); else a temporary failure, which may clear on
     * retry; else NXDOMAIN when both say so; else no addresses.
     */
    public static AddressLookup merge(AddressLookup first, AddressLookup second) {
        if (first.kind == Kind.ADDRESSES || second.kind == Kind.ADDRESSES) {
            List<String> all = new ArrayList<>(first.addresses);
            all.addAll(second.addresses);
            return addresses(all);
        }
        if (first.kind == Kind.TEMP_FAILURE) {
            return first;
        }
        if (second.kind == Kind.TEMP_FAILURE) {
            return second;
        }
        return first.kind == Kind.NXDOMAIN && second.kind == Kind.NXDOMAIN ? NXDOMAIN : NO_ADDRESSES;
    }

    public Kind kind() {
        return kind;
    }

    /** ADDRESSES: the addresses, duplicates removed, in the resolver's order. */
    public List<String> addresses() {
        check(Kind.ADDRESSES);
        return addresses;
    }

    /** TEMP_FAILURE: what the resolver said. */
    public String failureText() {
        check(Kind.TEMP_FAILURE);
        return failureText;
    }

    private void check(Kind wanted) {
        if (kind != wanted) {
            throw new IllegalStateException("address lookup is " + kind + ", not " + wanted);
        }
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof AddressLookup)) {
            return false;
        }
        AddressLookup that = (AddressLookup) o;
        return kind == that.kind && addresses.equals(that.addresses) && Objects.equals(failureText, that.failureText);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, addresses, failureText);
    }

    @Override
    public String toString() {
        switch (kind) {
            case ADDRESSES:
                return addresses.toString();
            case TEMP_FAILURE:
                return "TEMP_FAILURE(" + failureText + ")";
            default:
                return kind.name();
        }
    }
}
