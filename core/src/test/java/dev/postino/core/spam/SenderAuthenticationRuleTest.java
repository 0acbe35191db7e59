package dev.postino.core.spam;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SenderAuthenticationRuleTest {
    @ParameterizedTest(name = "spf={0} dkim={1} dmarc={2} p={3} → {4}")
    @CsvSource(delimiter = '|', value = {
        "pass      | pass      | pass | reject     | ''",
        "fail      | none      | fail | reject     | SPF_FAIL DMARC_FAIL",
        "softfail  | none      | fail | quarantine | DMARC_FAIL",
        "fail      | fail      | fail | none       | SPF_FAIL DKIM_INVALID",
        "none      | permerror | none | none       | DKIM_INVALID",
        "temperror | temperror | temperror | none  | ''",
    })
    void scoresFailedAuthentication(String spf, String dkim, String dmarc, String p, String expected) {
        SpamInput input = SpamInput.of(TestMail.simple("Lunch", "See you"), Instant.EPOCH)
            .withSenderAuthentication(Map.of("spf", spf, "dkim", dkim, "dmarc", dmarc, "p", p));

        List<String> fired = new ArrayList<>();
        for (SpamRule rule : List.of(SenderAuthenticationRule.spfFail(1.0), SenderAuthenticationRule.dkimInvalid(1.0),
            SenderAuthenticationRule.dmarcFail(3.0))) {
            rule.check(input).ifPresent(c -> fired.add(c.name()));
        }

        assertThat(String.join(" ", fired)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"SPF_FAIL", "DKIM_INVALID", "DMARC_FAIL"})
    void silentWhenNothingWasMeasuredAndShippedInTheDefaults(String name) {
        SpamInput input = SpamInput.of(TestMail.simple("Lunch", "See you"), Instant.EPOCH);

        assertThat(SpamRules.defaults()).anySatisfy(rule -> assertThat(rule.name()).isEqualTo(name));
        assertThat(SpamRules.defaults()).filteredOn(rule -> rule.name().equals(name))
            .allSatisfy(rule -> assertThat(rule.check(input)).isEmpty());
    }
}
