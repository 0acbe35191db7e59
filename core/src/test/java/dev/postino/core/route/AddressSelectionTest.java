package dev.postino.core.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddressSelectionTest {
    /** {@code "mx1=192.0.2.1 2001:db8::1; mx2=TEMP; mx3=NXDOMAIN; mx4=NODATA"}, hosts in order. */
    static Map<String, AddressLookup> lookups(String text) {
        Map<String, AddressLookup> result = new LinkedHashMap<>();
        for (String entry : text.split(";")) {
            String[] parts = entry.trim().split("=");
            String value = parts[1].trim();
            AddressLookup lookup;
            if (value.equals("TEMP")) {
                lookup = AddressLookup.tempFailure("timeout");
            } else if (value.equals("NXDOMAIN")) {
                lookup = AddressLookup.nxdomain();
            } else if (value.equals("NODATA")) {
                lookup = AddressLookup.noAddresses();
            } else {
                lookup = AddressLookup.addresses(Arrays.asList(value.split(" +")));
            }
            result.put(parts[0].trim(), lookup);
        }
        return result;
    }

    private static String plan(AddressSelection selection, String answers) {
        Map<String, AddressLookup> lookups = lookups(answers);
        TargetPlan plan = selection.plan(List.copyOf(lookups.keySet()), lookups);
        return plan.isFailure() ? "failed " + plan.failure().status()
            : plan.targets().stream().map(DeliveryTarget::toString).collect(Collectors.joining(" "));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "INTERLEAVE | mx1=192.0.2.1 192.0.2.2 2001:db8::1 2001:db8::2 | mx1[2001:db8::1] mx1[192.0.2.1] mx1[2001:db8::2] mx1[192.0.2.2]",
        "INTERLEAVE | mx1=192.0.2.1 192.0.2.2 2001:db8::1              | mx1[2001:db8::1] mx1[192.0.2.1] mx1[192.0.2.2]",
        "IPV6_FIRST | mx1=192.0.2.1 192.0.2.2 2001:db8::1 2001:db8::2 | mx1[2001:db8::1] mx1[2001:db8::2] mx1[192.0.2.1] mx1[192.0.2.2]",
        "IPV4_FIRST | mx1=2001:db8::1 192.0.2.1 2001:db8::2 192.0.2.2 | mx1[192.0.2.1] mx1[192.0.2.2] mx1[2001:db8::1] mx1[2001:db8::2]",
        // hosts keep their MX order whatever the address preference
        "IPV4_FIRST | mx1=2001:db8::1; mx2=192.0.2.2                   | mx1[2001:db8::1] mx2[192.0.2.2]",
        // an address listed under an earlier host is not tried twice
        "INTERLEAVE | mx1=192.0.2.1; mx2=192.0.2.1 192.0.2.2           | mx1[192.0.2.1] mx2[192.0.2.2]",
        // failed hosts are skipped while any host has an address
        "INTERLEAVE | mx1=TEMP; mx2=NXDOMAIN; mx3=NODATA; mx4=192.0.2.4 | mx4[192.0.2.4]",
        // nothing left: temporary if a retry may help, permanent 5.4.4 if every host lacks an address
        "INTERLEAVE | mx1=TEMP; mx2=TEMP                               | failed 4.4.3",
        "INTERLEAVE | mx1=NXDOMAIN; mx2=TEMP                           | failed 4.4.3",
        "INTERLEAVE | mx1=NXDOMAIN; mx2=NODATA                         | failed 5.4.4",
        "INTERLEAVE | mx1=NODATA                                       | failed 5.4.4",
    })
    void expandsHostsIntoAddresses(AddressPreference preference, String answers, String expected) {
        assertThat(plan(new AddressSelection(preference, 10), answers)).isEqualTo(expected);
    }

    @Test
    void theDefaultInterleavesAndKeepsTenAddresses() {
        String answers = "mx1=192.0.2.1 192.0.2.2 192.0.2.3 192.0.2.4 192.0.2.5 192.0.2.6;"
            + " mx2=2001:db8::1 192.0.2.7 192.0.2.8 192.0.2.9 192.0.2.10 192.0.2.11";

        assertThat(plan(AddressSelection.withDefaults(), answers)).isEqualTo("mx1[192.0.2.1] mx1[192.0.2.2]"
            + " mx1[192.0.2.3] mx1[192.0.2.4] mx1[192.0.2.5] mx1[192.0.2.6] mx2[2001:db8::1] mx2[192.0.2.7]"
            + " mx2[192.0.2.8] mx2[192.0.2.9]");
        assertThat(plan(new AddressSelection(AddressPreference.INTERLEAVE, 3), answers))
            .isEqualTo("mx1[192.0.2.1] mx1[192.0.2.2] mx1[192.0.2.3]");
    }

    @Test
    void failuresNameTheHosts() {
        AddressSelection selection = AddressSelection.withDefaults();

        assertThat(selection.plan(List.of("mx1.b.test", "mx2.b.test"), lookups("MX1.B.TEST.=TEMP; mx2.b.test=NODATA"))
            .failure()).hasToString("4.4.3 temporary DNS failure looking up the address of mx1.b.test (timeout)");
        assertThat(selection.plan(List.of("mx1.b.test", "mx2.b.test"), lookups("mx1.b.test=NXDOMAIN; mx2.b.test=NODATA"))
            .failure()).hasToString("5.4.4 mail exchanger has no address: mx1.b.test, mx2.b.test");
    }

    @Test
    void everyHostNeedsALookup() {
        assertThatThrownBy(() -> AddressSelection.withDefaults().plan(List.of("mx1.b.test"), Map.of()))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("mx1.b.test");
        assertThatThrownBy(() -> new AddressSelection(AddressPreference.INTERLEAVE, 0))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "{0} + {1} → {2}")
    @CsvSource(delimiter = '|', value = {
        "x=192.0.2.1     | x=2001:db8::1   | [192.0.2.1, 2001:db8::1]",
        "x=192.0.2.1     | x=TEMP          | [192.0.2.1]",
        "x=NXDOMAIN      | x=2001:db8::1   | [2001:db8::1]",
        "x=192.0.2.1     | x=192.0.2.1     | [192.0.2.1]",
        "x=TEMP          | x=NODATA        | TEMP_FAILURE(timeout)",
        "x=NXDOMAIN      | x=TEMP          | TEMP_FAILURE(timeout)",
        "x=NXDOMAIN      | x=NXDOMAIN      | NXDOMAIN",
        "x=NXDOMAIN      | x=NODATA        | NO_ADDRESSES",
        "x=NODATA        | x=NODATA        | NO_ADDRESSES",
    })
    void aAndAaaaAnswersMergeIntoOne(String a, String aaaa, String expected) {
        assertThat(AddressLookup.merge(lookups(a).get("x"), lookups(aaaa).get("x"))).hasToString(expected);
    }

    @Test
    void onlyIpAddressesAreAddresses() {
        assertThatThrownBy(() -> AddressLookup.addresses(List.of("mx1.b.test")))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AddressLookup.addresses(List.of("256.0.0.1")))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DeliveryTarget.of("mx1.b.test", "mx1.b.test"))
            .isInstanceOf(IllegalArgumentException.class);
        assertThat(DeliveryTarget.of("MX1.B.Test.", "2001:db8::1").isIpv6()).isTrue();
        assertThat(AddressLookup.addresses(List.of("::ffff:192.0.2.1")).addresses()).containsExactly("::ffff:192.0.2.1");
    }
}
