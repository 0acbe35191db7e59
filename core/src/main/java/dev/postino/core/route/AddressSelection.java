package dev.postino.core.route;

import dev.postino.core.smtp.EnhancedStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The second step after {@link MxSelection}: expands the ordered MX hosts into the ordered
 * {@code (host, ip)} pairs to connect to, given each host's {@link AddressLookup}.
 *
 * <ul>
 *   <li>Hosts keep their MX order; one host's addresses are ordered by the
 *       {@link AddressPreference} (default {@link AddressPreference#INTERLEAVE}).</li>
 *   <li>An address already listed under an earlier host is not listed again: connecting twice to
 *       one server in one attempt only doubles the wait.</li>
 *   <li>At most {@code maxAddresses} pairs are kept (default 10, like Postfix's
 *       {@code smtp_mx_address_limit}).</li>
 *   <li>A host whose lookup failed, temporarily or not, is skipped. If no host is left: any
 *       temporary failure among them → temporary 4.4.3 (RFC 3463 directory server failure; a
 *       retry may succeed), otherwise → permanent 5.4.4 (RFC 3463 unable to route: no mail
 *       exchanger has an address).</li>
 * </ul>
 */
public final class AddressSelection {
    /** Addresses tried per delivery attempt unless configured otherwise. */
    public static final int DEFAULT_MAX_ADDRESSES = 10;

    private final AddressPreference preference;
    private final int maxAddresses;

    public AddressSelection(AddressPreference preference, int maxAddresses) {
        if (maxAddresses < 1) {
            throw new IllegalArgumentException("maxAddresses must be at least 1, got " + maxAddresses);
        }
        this.preference = preference;
        this.maxAddresses = maxAddresses;
    }

    public static AddressSelection withDefaults() {
        return new AddressSelection(AddressPreference.INTERLEAVE, DEFAULT_MAX_ADDRESSES);
    }

    /**
     * @param hosts   the hosts in the order to try, as {@link MxPlan#hosts()} gives them
     * @param lookups each host's address answer, keyed by host name (case-insensitive); every
     *                host must have one
     */
    public TargetPlan plan(List<String> hosts, Map<String, AddressLookup> lookups) {
        if (hosts.isEmpty()) {
            throw new IllegalArgumentException("no hosts to expand");
        }
        Map<String, AddressLookup> byName = new HashMap<>();
        lookups.forEach((host, lookup) -> byName.put(DomainName.normalize(host), lookup));
        List<DeliveryTarget> targets = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        List<String> temporary = new ArrayList<>();
        List<String> without = new ArrayList<>();
        for (String host : hosts) {
            String name = DomainName.normalize(host);
            AddressLookup lookup = byName.get(name);
            if (lookup == null) {
                throw new IllegalArgumentException("no address lookup given for host " + host);
            }
            if (lookup.kind() == AddressLookup.Kind.ADDRESSES) {
                for (String ip : ordered(lookup.addresses())) {
                    if (seen.add(ip)) {
                        targets.add(DeliveryTarget.of(name, ip));
                    }
                }
            } else if (lookup.kind() == AddressLookup.Kind.TEMP_FAILURE) {
                temporary.add(name + " (" + lookup.failureText() + ")");
            } else {
                without.add(name);
            }
        }
        if (!targets.isEmpty()) {
            return TargetPlan.targets(targets.subList(0, Math.min(maxAddresses, targets.size())));
        }
        if (!temporary.isEmpty()) {
            return TargetPlan.failed(RouteFailure.of(EnhancedStatus.of(4, 4, 3),
                "temporary DNS failure looking up the address of " + String.join(", ", temporary)));
        }
        return TargetPlan.failed(RouteFailure.of(EnhancedStatus.of(5, 4, 4),
            "mail exchanger has no address: " + String.join(", ", without)));
    }

    private List<String> ordered(List<String> addresses) {
        List<String> v6 = new ArrayList<>();
        List<String> v4 = new ArrayList<>();
        for (String ip : addresses) {
            (ip.indexOf(':') >= 0 ? v6 : v4).add(ip);
        }
        List<String> result = new ArrayList<>(addresses.size());
        switch (preference) {
            case IPV6_FIRST:
                result.addAll(v6);
                result.addAll(v4);
                break;
            case IPV4_FIRST:
                result.addAll(v4);
                result.addAll(v6);
                break;
            default:
                for (int i = 0; i < Math.max(v6.size(), v4.size()); i++) {
                    if (i < v6.size()) {
                        result.add(v6.get(i));
                    }
                    if (i < v4.size()) {
                        result.add(v4.get(i));
                    }
                }
        }
        return result;
    }
}
