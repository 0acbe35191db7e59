package dev.postino.core.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Like Postfix's {@code transport.in}/{@code transport.ref}: a table, then domain → route rows. */
class RouteTableTest {
    private static final RouteTable TABLE = RouteTable.parse(List.of(
        "# routes used by the tests",
        "",
        "b.test           [10.0.0.5]:2525",
        ".corp.test       relay.corp.test",
        "direct.corp.test mx",
        ".x.corp.test     [X-Relay.corp.test.]",
        "spam.test        error:5.7.1 we do not deliver there",
        "moving.test      error:4.3.2 mailbox migration, try later",
        "v6.test          smtp:[2001:db8::25] tls=none",
        "shadowed.test    error:5.7.1 never seen, the domain is local",
        "own.test         local",
        "Upper.TEST.      relay.test:2525 tls=required",
        "*                smtp:[smarthost.test]:587 auth=postino secret=smarthost-password"));

    private static final Set<String> LOCAL = Set.of("Local.Test.", "shadowed.test");

    private static final String SMARTHOST = "smtp:[smarthost.test]:587 tls=required auth=postino secret=smarthost-password";

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "b.test                | smtp:[10.0.0.5]:2525 tls=opportunistic",
        "B.Test.               | smtp:[10.0.0.5]:2525 tls=opportunistic",
        "a.b.test              | " + SMARTHOST,
        "corp.test             | " + SMARTHOST,
        "mail.corp.test        | smtp:relay.corp.test:25 tls=opportunistic",
        "a.mail.corp.test      | smtp:relay.corp.test:25 tls=opportunistic",
        "direct.corp.test      | mx:direct.corp.test",
        "a.direct.corp.test    | smtp:relay.corp.test:25 tls=opportunistic",
        "x.corp.test           | smtp:relay.corp.test:25 tls=opportunistic",
        "y.x.corp.test         | smtp:[x-relay.corp.test]:25 tls=opportunistic",
        "z.y.x.corp.test       | smtp:[x-relay.corp.test]:25 tls=opportunistic",
        "spam.test             | error:5.7.1 we do not deliver there",
        "moving.test           | error:4.3.2 mailbox migration, try later",
        "v6.test               | smtp:[2001:db8::25]:25 tls=none",
        "upper.test            | smtp:relay.test:2525 tls=required",
        "own.test              | local",
        "local.test            | local",
        "LOCAL.test.           | local",
        "shadowed.test         | local",
        "sub.local.test        | " + SMARTHOST,
        "other.test            | " + SMARTHOST,
        "test                  | " + SMARTHOST,
        "[192.0.2.1]           | " + SMARTHOST,
    })
    void resolvesLikeTheReferenceTable(String domain, String expected) {
        assertThat(TABLE.resolve(domain, LOCAL)).hasToString(expected);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "b.test                | mx:b.test",
        "B.TEST.               | mx:b.test",
        "a.corp.test           | mx:a.corp.test",
        "[192.0.2.1]           | smtp:[192.0.2.1]:25 tls=opportunistic",
        "[IPv6:2001:db8::1]    | smtp:[2001:db8::1]:25 tls=opportunistic",
        "[2001:db8::1]         | error:5.1.2 bad address literal [2001:db8::1]",
        "[999.0.0.1]           | error:5.1.2 bad address literal [999.0.0.1]",
        "[mail.test]           | error:5.1.2 bad address literal [mail.test]",
    })
    void withoutRowsEveryDomainGoesByItsMxAndLiteralsGoStraight(String domain, String expected) {
        assertThat(RouteTable.empty().resolve(domain, d -> false)).hasToString(expected);
    }

    @Test
    void aStarRowSayingMxStillSendsAddressLiteralsStraightToTheAddress() {
        RouteTable table = RouteTable.parse(List.of("* mx"));

        assertThat(table.resolve("[192.0.2.1]", d -> false)).isEqualTo(
            Route.relay("192.0.2.1", 25, false, TlsPolicy.OPPORTUNISTIC));
        assertThat(table.resolve("b.test", d -> false)).isEqualTo(Route.mx("b.test"));
    }

    @Test
    void theLocalPredicateIsAskedWithTheNormalizedName() {
        List<String> asked = new java.util.ArrayList<>();

        TABLE.resolve("Mail.Example.TEST.", d -> asked.add(d) && false);

        assertThat(asked).containsExactly("mail.example.test");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "local",
        "smtp:[10.0.0.5]:2525 tls=opportunistic",
        "smtp:[2001:db8::1]:25 tls=none",
        "smtp:relay.test:25 tls=required",
        "smtp:[smarthost.test]:587 tls=required auth=postino secret=vault-key",
        "error:5.7.1 we do not deliver there",
        "error:4.3.2 try later",
    })
    void aRouteReadsBackFromItsOwnText(String route) {
        RouteTable table = RouteTable.parse(List.of("x.test " + route));

        assertThat(table.resolve("x.test", d -> false)).hasToString(route);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "relay.test                     | smtp:relay.test:25 tls=opportunistic",
        "SMTP:relay.test:587            | smtp:relay.test:587 tls=opportunistic",
        "relay:2525                     | smtp:relay:2525 tls=opportunistic",
        "[relay.test]                   | smtp:[relay.test]:25 tls=opportunistic",
        "[relay.test] TLS=REQUIRED      | smtp:[relay.test]:25 tls=required",
        "[relay.test] auth=alice        | smtp:[relay.test]:25 tls=required auth=alice secret=alice",
        "[relay.test] auth=a tls=required secret=s | smtp:[relay.test]:25 tls=required auth=a secret=s",
        "ERROR:5.7.1   spaced    text   | error:5.7.1 spaced text",
        "LOCAL                          | local",
    })
    void defaultsAndSpellings(String action, String expected) {
        RouteTable table = RouteTable.parse(List.of("x.test " + action));

        assertThat(table.resolve("x.test", d -> false)).hasToString(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "b.test                                 | row 1: expected '<domain> <route>', got 'b.test'",
        "b.test [10.0.0.5]:99999                | row 1: bad port '99999' in '[10.0.0.5]:99999'",
        "b.test [10.0.0.5]:0                    | row 1: bad port '0' in '[10.0.0.5]:0'",
        "b.test [10.0.0.5]:                     | row 1: bad port '' in '[10.0.0.5]:'",
        "b.test relay.test:smtp                 | row 1: bad port 'smtp' in 'relay.test:smtp'",
        "b.test [10.0.0.5                       | row 1: missing ']' in '[10.0.0.5'",
        "b.test [10.0.0.5]x                     | row 1: unexpected 'x' after ']' in '[10.0.0.5]x'",
        "b.test []:25                           | row 1: missing host in '[]:25'",
        "b.test 10.0.0.5                        | row 1: IP address '10.0.0.5' must be written in brackets",
        "b.test 10.0.0.5:25                     | row 1: IP address '10.0.0.5' must be written in brackets",
        "b.test 2001:db8::1                     | row 1: IPv6 address '2001:db8::1' must be written in brackets",
        "b.test lmtp:[10.0.0.5]                 | row 1: unknown transport 'lmtp:' in 'lmtp:[10.0.0.5]'",
        "b.test relay..test                     | row 1: bad host 'relay..test' in 'relay..test'",
        "b.test [-relay.test]                   | row 1: bad host '-relay.test' in '[-relay.test]'",
        "b.test error:5.7 go away               | row 1: bad status '5.7' in 'error:5.7'",
        "b.test error:2.0.0 fine                | row 1: bad status '2.0.0' in 'error:2.0.0', a refusal is 4.x.x or 5.x.x",
        "b.test error:5.7.1                     | row 1: 'error:5.7.1' needs a text for the sender",
        "b.test [relay.test] tls=maybe          | row 1: bad tls value 'maybe' in 'tls=maybe'",
        "b.test [relay.test] compress=yes       | row 1: unknown option 'compress=yes'",
        "b.test [relay.test] tls                | row 1: bad option 'tls', expected name=value",
        "b.test [relay.test] auth=              | row 1: empty value in option 'auth='",
        "b.test [relay.test] tls=none tls=none  | row 1: duplicate option 'tls=none'",
        "b.test [relay.test] auth=a auth=b      | row 1: duplicate option 'auth=b'",
        "b.test [relay.test] secret=vault       | row 1: option 'secret=vault' needs auth=",
        "b.test [relay.test] auth=a tls=none    | row 1: option 'tls=none' not allowed with auth=",
        "b.test [relay.test] auth=a tls=opportunistic | row 1: option 'tls=opportunistic' not allowed with auth=",
        "b.test local tls=none                  | row 1: option 'tls=none' not allowed after 'local'",
        "b.test mx extra                        | row 1: option 'extra' not allowed after 'mx'",
        "b..test local                          | row 1: bad domain 'b..test'",
        ". local                                | row 1: bad domain '.'",
        ".. local                               | row 1: bad domain '..'",
        "-b.test local                          | row 1: bad domain '-b.test'",
        "b_c.test local                         | row 1: bad domain 'b_c.test'",
        "10.0.0.5 local                         | row 1: bad domain '10.0.0.5'",
        "** local                               | row 1: bad domain '**'",
    })
    void aBadRowNamesItsNumberAndTheBadToken(String row, String message) {
        assertThatThrownBy(() -> RouteTable.parse(List.of(row)))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageStartingWith("route table " + message);
    }

    @Test
    void rowNumbersAreLineNumbersCountingCommentsAndBlanks() {
        List<String> lines = List.of("# header", "", "a.test local", "  # indented comment", "A.Test. mx");

        assertThatThrownBy(() -> RouteTable.parse(lines))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("route table row 5: duplicate key 'A.Test.' (first on row 3)");
    }

    @Test
    void commentsAndBlankLinesAreNotRows() {
        assertThat(RouteTable.parse(List.of("# only a comment", "   ", "")).size()).isZero();
        assertThat(TABLE.size()).isEqualTo(11);
    }

    @Test
    void rowsAddedAtRunTimeReplaceRowsOfTheSameKeyAndKeepTheOthers() {
        RouteTable edited = TABLE.withRows(java.util.Map.of(
            "B.TEST.", Route.relay("10.0.0.9", 2526, false, TlsPolicy.NONE),
            "new.test", Route.relay("relay.new.test", 25, true, TlsPolicy.OPPORTUNISTIC),
            ".corp.test", Route.mx("ignored")));

        assertThat(edited.resolve("b.test", LOCAL)).hasToString("smtp:[10.0.0.9]:2526 tls=none");
        assertThat(edited.resolve("new.test", LOCAL)).hasToString("smtp:relay.new.test:25 tls=opportunistic");
        assertThat(edited.resolve("mail.corp.test", LOCAL)).as("an mx row means the recipient's MX")
            .hasToString("mx:mail.corp.test");
        assertThat(edited.resolve("spam.test", LOCAL)).hasToString("error:5.7.1 we do not deliver there");
        assertThat(TABLE.resolve("b.test", LOCAL)).as("the original is unchanged")
            .hasToString("smtp:[10.0.0.5]:2525 tls=opportunistic");
        assertThat(edited.size()).isEqualTo(12);
    }

    @Test
    void rowsListEveryKeyInTableOrderWithMxRowsAsMxRoutes() {
        assertThat(TABLE.rows().keySet()).startsWith("b.test", ".corp.test", "direct.corp.test").contains("*", "upper.test");
        assertThat(TABLE.rows().get("direct.corp.test")).isEqualTo(Route.mx("direct.corp.test"));
        assertThat(TABLE.rows().get("b.test")).hasToString("smtp:[10.0.0.5]:2525 tls=opportunistic");
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
        "B.Test.     | b.test",
        ".Corp.TEST  | .corp.test",
        "*           | *",
        "xn--bcher-kva.test | xn--bcher-kva.test",
    })
    void keysAreNormalized(String key, String expected) {
        assertThat(RouteTable.normalizeKey(key)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "''{0}''")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"", ".", "..", "b..test", "-b.test", "b_c.test", "10.0.0.5",
        "**", "büch.test", "a@b.test", "[10.0.0.5]"})
    void badKeysAreRefusedByName(String key) {
        assertThatThrownBy(() -> RouteTable.normalizeKey(key)).isInstanceOf(IllegalArgumentException.class)
            .hasMessage("bad domain '" + key + "'");
    }
}
