package dev.postino.core.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MxSelectionTest {
    private static final Set<String> OURS = Set.of("MX.Postino.Test.", "relay.postino.test");

    /** {@code "10 a.test, 20 b.test"}, {@code NXDOMAIN}, {@code NODATA} or {@code TEMP}. */
    static MxLookup answer(String text) {
        switch (text) {
            case "NXDOMAIN":
                return MxLookup.nxdomain();
            case "NODATA":
                return MxLookup.noRecords();
            case "TEMP":
                return MxLookup.tempFailure("SERVFAIL from 192.0.2.53");
            default:
                return MxLookup.records(Arrays.stream(text.split(",")).map(String::trim)
                    .map(r -> MxRecord.of(Integer.parseInt(r.split(" ")[0]), r.split(" ")[1]))
                    .collect(Collectors.toList()));
        }
    }

    private static String plan(MxSelection selection, String domain, String answer, long seed) {
        MxPlan plan = selection.plan(domain, answer(answer), new Random(seed));
        return plan.isFailure() ? "failed " + plan.failure().status() : String.join(" ", plan.hosts());
    }

    @ParameterizedTest(name = "{0}: {1} → {2}")
    @CsvSource(delimiter = '|', value = {
        // distinct preferences: sorted, never shuffled
        "b.test | 20 mx2.b.test, 10 mx1.b.test, 30 mx3.b.test     | mx1.b.test mx2.b.test mx3.b.test",
        "b.test | 0 MX.B.TEST., 65535 backup.b.test                | mx.b.test backup.b.test",
        // no MX records: the implicit MX is the domain itself (RFC 5321 §5.1)
        "b.test | NODATA                                           | b.test",
        "B.Test. | NODATA                                          | b.test",
        // null MX (RFC 7505): alone, or wrongly mixed with real records
        "b.test | 0 .                                              | failed 5.1.10",
        "b.test | 10 mx1.b.test, 20 .                              | failed 5.1.10",
        "b.test | NXDOMAIN                                         | failed 5.1.2",
        "b.test | TEMP                                             | failed 4.4.3",
        // our own name: drop it and every MX not strictly more preferred (RFC 5321 §5.1)
        "b.test | 10 mx1.b.test, 20 mx.postino.test, 20 mx3.b.test, 30 mx4.b.test | mx1.b.test",
        "b.test | 10 mx1.b.test, 20 MX.POSTINO.TEST., 5 mx0.b.test | mx0.b.test mx1.b.test",
        "b.test | 10 relay.postino.test, 20 mx.postino.test, 30 mx3.b.test | failed 5.4.6",
        "b.test | 10 mx.postino.test, 5 relay.postino.test          | failed 5.4.6",
        "b.test | 10 mx.postino.test                               | failed 5.4.6",
        "mx.postino.test | NODATA                                  | failed 5.4.6",
        // a host listed twice keeps its first place
        "b.test | 10 mx1.b.test, 20 mx2.b.test, 30 mx1.b.test      | mx1.b.test mx2.b.test",
        // at most 5 hosts by default
        "b.test | 1 a.b.test, 2 b.b.test, 3 c.b.test, 4 d.b.test, 5 e.b.test, 6 f.b.test, 7 g.b.test | a.b.test b.b.test c.b.test d.b.test e.b.test",
    })
    void ordersWhatDnsReturned(String domain, String answer, String expected) {
        for (long seed = 0; seed < 20; seed++) {
            assertThat(plan(MxSelection.withDefaults(OURS), domain, answer, seed)).isEqualTo(expected);
        }
    }

    @Test
    void failuresSayWhatHappenedInWords() {
        MxSelection selection = MxSelection.withDefaults(OURS);
        Random random = new Random(1);

        assertThat(selection.plan("b.test", MxLookup.nxdomain(), random).failure())
            .hasToString("5.1.2 domain b.test does not exist (DNS NXDOMAIN)");
        assertThat(selection.plan("b.test", answer("TEMP"), random).failure())
            .hasToString("4.4.3 temporary DNS failure looking up MX for b.test: SERVFAIL from 192.0.2.53");
        assertThat(selection.plan("b.test", answer("0 ."), random).failure())
            .hasToString("5.1.10 domain b.test accepts no mail (null MX, RFC 7505)");
        assertThat(selection.plan("b.test", answer("10 mx.postino.test"), random).failure())
            .hasToString("5.4.6 mail for b.test loops back to this server (MX mx.postino.test is one of our names)");
        assertThat(selection.plan("b.test", answer("TEMP"), random).failure().isPermanent()).isFalse();
    }

    @Test
    void equalPreferencesAreShuffledAcrossSeeds() {
        Set<List<String>> orders = new HashSet<>();
        for (long seed = 0; seed < 200; seed++) {
            MxPlan plan = MxSelection.withDefaults(Set.of())
                .plan("b.test", answer("10 a.b.test, 10 b.b.test, 10 c.b.test"), new Random(seed));
            orders.add(plan.hosts());
        }

        assertThat(orders).hasSize(6);
    }

    @Test
    void shufflingStaysWithinEachPreference() {
        for (long seed = 0; seed < 200; seed++) {
            List<String> hosts = MxSelection.withDefaults(Set.of())
                .plan("b.test", answer("20 z.b.test, 10 b.b.test, 30 x.b.test, 10 a.b.test, 20 y.b.test"), new Random(seed))
                .hosts();

            assertThat(hosts.subList(0, 2)).containsExactlyInAnyOrder("a.b.test", "b.b.test");
            assertThat(hosts.subList(2, 4)).containsExactlyInAnyOrder("y.b.test", "z.b.test");
            assertThat(hosts.get(4)).isEqualTo("x.b.test");
        }
    }

    @Test
    void aSeedGivesOneOrderWhateverTheAnswerOrder() {
        List<String> records = new ArrayList<>(List.of("10 a.b.test", "10 b.b.test", "10 c.b.test", "10 d.b.test"));
        String first = plan(MxSelection.withDefaults(Set.of()), "b.test", String.join(",", records), 7);
        for (long shuffle = 0; shuffle < 10; shuffle++) {
            Collections.shuffle(records, new Random(shuffle));

            assertThat(plan(MxSelection.withDefaults(Set.of()), "b.test", String.join(",", records), 7)).isEqualTo(first);
        }
    }

    @Test
    void theCapIsTakenAfterShufflingSoEveryEqualHostGetsItsTurn() {
        Set<String> seen = new HashSet<>();
        Random random = new Random(42); // one long-lived Random, as the engine holds it
        for (int attempt = 0; attempt < 100; attempt++) {
            MxPlan plan = new MxSelection(Set.of(), 2)
                .plan("b.test", answer("10 a.b.test, 10 b.b.test, 10 c.b.test, 10 d.b.test"), random);

            assertThat(plan.hosts()).hasSize(2);
            seen.addAll(plan.hosts());
        }

        assertThat(seen).containsExactlyInAnyOrder("a.b.test", "b.b.test", "c.b.test", "d.b.test");
    }

    @Test
    void badConfigurationIsRejected() {
        assertThatThrownBy(() -> new MxSelection(Set.of(), 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MxLookup.records(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MxRecord.of(65536, "a.test")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void valuesAnswerOnlyForTheirKind() {
        assertThat(MxRecord.of(0, "").isNullMx()).isTrue();
        assertThat(MxRecord.of(10, "MX.B.Test.")).hasToString("10 mx.b.test");
        assertThatThrownBy(() -> MxLookup.nxdomain().records()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> MxLookup.noRecords().failureText()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> MxPlan.hosts(List.of("a.test")).failure()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> MxPlan.hosts(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
