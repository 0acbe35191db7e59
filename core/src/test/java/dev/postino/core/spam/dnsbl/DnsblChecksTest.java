package dev.postino.core.spam.dnsbl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postino.core.spam.Contribution;
import dev.postino.core.spam.SpamInput;
import dev.postino.core.spam.SpamRule;
import dev.postino.core.spam.mime.MimeReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DnsblChecksTest {
    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

    private static SpamInput input(String body) {
        String raw = "From: a@b.test\r\nSubject: hi\r\n\r\n" + body + "\r\n";
        return SpamInput.of(new MimeReader().read(raw.getBytes(StandardCharsets.UTF_8)), NOW);
    }

    private static List<Contribution> score(DnsblChecks checks, SpamInput input) {
        List<Contribution> fired = new ArrayList<>();
        for (SpamRule rule : checks.rules()) {
            rule.check(input).ifPresent(fired::add);
        }
        return fired;
    }

    @Test
    void theClientAddressIsAskedOfEveryZoneReversed() {
        DnsblChecks checks = new DnsblChecks(DnsblSites.parse("zen.example.org*3, bl.example.net"), DnsblSites.none());

        assertThat(checks.queries(input("x").withClientAddress("192.0.2.7")))
            .containsExactly("7.2.0.192.zen.example.org", "7.2.0.192.bl.example.net");
        assertThat(checks.queries(input("x"))).as("no client address, e.g. an authenticated sender").isEmpty();
    }

    @Test
    void aListedClientScoresTheWeightOfEveryMatchingEntryWithTheReplyInTheReason() {
        DnsblChecks checks = new DnsblChecks(DnsblSites.parse(
            "zen.example.org=127.0.0.[2..11]*3 zen.example.org=127.0.0.[10;11]*1.5 bl.example.net*2"), DnsblSites.none());
        SpamInput listed = input("x").withClientAddress("192.0.2.7")
            .withDnsAnswers(DnsAnswers.of(Map.of("7.2.0.192.zen.example.org", List.of("127.0.0.10"))));

        assertThat(score(checks, listed)).containsExactly(
            new Contribution("DNSBL_ZEN_EXAMPLE_ORG", 4.5, "client 192.0.2.7 listed in zen.example.org (127.0.0.10)"));
    }

    @Test
    void aReplyOutsideTheFilterOrAnUnlistedClientScoresNothing() {
        DnsblChecks checks = new DnsblChecks(DnsblSites.parse("zen.example.org=127.0.0.[2..11]*3"), DnsblSites.none());
        SpamInput refused = input("x").withClientAddress("192.0.2.7")
            .withDnsAnswers(DnsAnswers.of(Map.of("7.2.0.192.zen.example.org", List.of("127.255.255.254"))));

        assertThat(score(checks, refused)).isEmpty();
        assertThat(score(checks, input("x").withClientAddress("192.0.2.7"))).isEmpty();
    }

    @Test
    void anAllowlistSubtracts() {
        DnsblChecks checks = new DnsblChecks(DnsblSites.parse("wl.example.net=127.0.[0..255].[1..3]*-2"), DnsblSites.none());
        SpamInput listed = input("x").withClientAddress("192.0.2.7")
            .withDnsAnswers(DnsAnswers.of(Map.of("7.2.0.192.WL.example.net.", List.of("127.0.5.2"))));

        assertThat(score(checks, listed)).extracting(Contribution::points).containsExactly(-2.0);
    }

    @Test
    void linkDomainsAreAskedOfTheUriBlocklistOnceEachAndBounded() {
        StringBuilder body = new StringBuilder("see http://www.shop.example.co.uk/a and http://SHOP.example.co.uk/b "
            + "and http://192.0.2.9/x ");
        for (int i = 0; i < 20; i++) {
            body.append("http://d").append(i).append(".test/ ");
        }
        DnsblChecks checks = new DnsblChecks(DnsblSites.none(), DnsblSites.parse("uribl.example"));

        assertThat(checks.queries(input(body.toString()))).startsWith("co.uk.uribl.example",
            "example.co.uk.uribl.example", "9.2.0.192.uribl.example", "d0.test.uribl.example")
            .hasSize(DnsblChecks.MAX_LINK_DOMAINS);
    }

    @Test
    void aListedLinkDomainScoresOncePerEntry() {
        DnsblChecks checks = new DnsblChecks(DnsblSites.none(), DnsblSites.parse("multi.uribl.example=127.0.0.[2..14]*2.5"));
        SpamInput listed = input("http://a.spam.test/1 http://b.spam.test/2 http://good.test/")
            .withDnsAnswers(DnsAnswers.of(Map.of("spam.test.multi.uribl.example", List.of("127.0.0.4"))));

        assertThat(score(checks, listed)).containsExactly(new Contribution("URIBL_MULTI_URIBL_EXAMPLE", 2.5,
            "link domain spam.test listed in multi.uribl.example (127.0.0.4)"));
    }

    @Test
    void noSitesMeansNoQueriesAndNoRules() {
        assertThat(DnsblChecks.none().isEmpty()).isTrue();
        assertThat(DnsblChecks.none().queries(input("http://a.test/").withClientAddress("192.0.2.7"))).isEmpty();
        assertThat(DnsblChecks.none().rules()).isEmpty();
        assertThat(Optional.of(DnsblChecks.testName("zen-1.example.org"))).contains("ZEN_1_EXAMPLE_ORG");
    }
}
