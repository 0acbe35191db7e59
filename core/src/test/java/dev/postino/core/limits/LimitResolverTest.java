package dev.postino.core.limits;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LimitResolverTest {
    private static final LimitKind HOUR = LimitKind.MESSAGES_PER_HOUR;

    private static LimitSet hour(long limit) {
        return LimitSet.empty().with(HOUR, limit);
    }

    /** Every scope sets messages-per-hour to a different value; the table says which wins. */
    @ParameterizedTest(name = "{0}: {1} from {2}")
    @CsvSource({
        "alice@a.test, 1, user-override",     // webadmin user beats everything
        "ALICE@A.TEST, 1, user-override",     // case does not matter
        "bob@a.test,   3, domain-override",   // no user entry: the domain's override beats its config
        "carol@c.test, 5, default-config",    // neither: the configured default
    })
    void theMostSpecificScopeWins(String user, long expected, String source) {
        LimitTable configured = LimitTable.empty().withDefaults(hour(5))
            .withDomain("a.test", hour(4)).withDomain("c.test", LimitSet.empty())
            .withUser("alice@a.test", hour(2));
        LimitTable overrides = LimitTable.empty().withDomain("a.test", hour(3)).withUser("alice@a.test", hour(1));

        SendingLimits limits = LimitResolver.resolve(user, configured, overrides);
        assertThat(limits.limit(HOUR)).isEqualTo(expected);
        assertThat(limits.source(HOUR).label()).isEqualTo(source);
    }

    @Test
    void aUserInTheConfigBeatsADomainOverride() {
        LimitTable configured = LimitTable.empty().withUser("alice@a.test", hour(2));
        LimitTable overrides = LimitTable.empty().withDomain("a.test", hour(3));
        SendingLimits limits = LimitResolver.resolve("alice@a.test", configured, overrides);
        assertThat(limits.limit(HOUR)).isEqualTo(2);
        assertThat(limits.source(HOUR)).isEqualTo(LimitSource.USER_CONFIG);
    }

    @Test
    void theDomainsConfigIsUsedWithoutAnOverride() {
        SendingLimits limits = LimitResolver.resolve("bob@a.test", LimitTable.empty().withDomain("a.test", hour(4)), LimitTable.empty());
        assertThat(limits.limit(HOUR)).isEqualTo(4);
        assertThat(limits.source(HOUR)).isEqualTo(LimitSource.DOMAIN_CONFIG);
    }

    @Test
    void eachKindIsResolvedOnItsOwnAndTheRestIsBuiltIn() {
        LimitTable overrides = LimitTable.empty().withUser("alice@a.test", hour(1))
            .withDomain("a.test", LimitSet.empty().with(LimitKind.MESSAGES_PER_DAY, 7));
        SendingLimits limits = LimitResolver.resolve("alice@a.test", LimitTable.empty(), overrides);

        assertThat(limits.limit(HOUR)).isEqualTo(1);
        assertThat(limits.limit(LimitKind.MESSAGES_PER_DAY)).as("the domain's, under the user's hour").isEqualTo(7);
        assertThat(limits.source(LimitKind.MESSAGES_PER_DAY)).isEqualTo(LimitSource.DOMAIN_OVERRIDE);
        assertThat(limits.limit(LimitKind.RECIPIENTS_PER_DAY)).isEqualTo(5000);
        assertThat(limits.source(LimitKind.RECIPIENTS_PER_DAY)).isEqualTo(LimitSource.BUILT_IN);
        assertThat(limits.toString()).startsWith("messages-per-hour=1(user-override) messages-per-day=7(domain-override)");
    }

    @Test
    void theBuiltInDefaultsAreGenerous() {
        SendingLimits limits = LimitResolver.resolve("alice@a.test", LimitTable.empty(), LimitTable.empty());
        assertThat(limits.limit(LimitKind.MESSAGES_PER_HOUR)).isEqualTo(500);
        assertThat(limits.limit(LimitKind.MESSAGES_PER_DAY)).isEqualTo(1000);
        assertThat(limits.limit(LimitKind.RECIPIENTS_PER_MESSAGE)).isEqualTo(500);
        assertThat(limits.limit(LimitKind.RECIPIENTS_PER_HOUR)).isEqualTo(2000);
        assertThat(limits.limit(LimitKind.RECIPIENTS_PER_DAY)).isEqualTo(5000);
    }

    @Test
    void aLoginWithoutADomainGetsUserAndDefaultScopesOnly() {
        LimitTable configured = LimitTable.empty().withDefaults(hour(5)).withUser("admin", hour(9));
        assertThat(LimitResolver.resolve("admin", configured, LimitTable.empty()).limit(HOUR)).isEqualTo(9);
        assertThat(LimitResolver.resolve("root", configured, LimitTable.empty()).limit(HOUR)).isEqualTo(5);
    }
}
