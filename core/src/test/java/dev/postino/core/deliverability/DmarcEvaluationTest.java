package dev.postino.core.deliverability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DmarcEvaluationTest {
    /** Two-label organizational domains, as the public suffix list gives for these names. */
    private final DmarcEvaluation dmarc = new DmarcEvaluation(d -> {
        String[] labels = d.split("\\.");
        return labels.length <= 2 ? d : labels[labels.length - 2] + "." + labels[labels.length - 1];
    });
    private final Map<String, List<String>> zone = Map.of(
        "_dmarc.bank.test", List.of("v=DMARC1; p=reject; rua=mailto:d@bank.test"),
        "_dmarc.strict.test", List.of("v=DMARC1; p=quarantine; adkim=s; aspf=s"),
        "_dmarc.two.test", List.of("v=DMARC1; p=reject", "v=DMARC1; p=none"),
        "_dmarc.org.test", List.of("v=DMARC1; p=none; sp=reject"));

    private DmarcEvaluation.Lookup txt(String name) {
        if (name.equals("_dmarc.flaky.test")) {
            return DmarcEvaluation.Lookup.tempFailure();
        }
        return DmarcEvaluation.Lookup.of(zone.getOrDefault(name, List.of()));
    }

    @ParameterizedTest(name = "From {0}, spf={1} for {2}, dkim d={3} → {4} p={5}")
    @CsvSource(delimiter = '|', value = {
        // from          | spf  | spf domain      | dkim d=        | dmarc     | policy
        "bank.test       | fail | bank.test       |                | fail      | reject",
        "bank.test       | pass | bank.test       |                | pass      | reject",
        "bank.test       | pass | mail.bank.test  |                | pass      | reject",
        "bank.test       | pass | evil.test       |                | fail      | reject",
        "bank.test       | fail | bank.test       | news.bank.test | pass      | reject",
        "strict.test     | pass | mail.strict.test| a.strict.test  | fail      | quarantine",
        "strict.test     | fail | x.test          | strict.test    | pass      | quarantine",
        "two.test        | fail | two.test        |                | none      | none",
        "nopolicy.test   | fail | nopolicy.test   |                | none      | none",
        "sub.org.test    | fail | sub.org.test    |                | fail      | reject",
        "org.test        | fail | org.test        |                | fail      | none",
        "flaky.test      | pass | flaky.test      |                | temperror | none",
    })
    void judges(String from, String spf, String spfDomain, String dkimDomain, String result, String policy) {
        DkimVerdict dkim = dkimDomain == null ? DkimVerdict.none()
            : DkimVerdict.pass(List.of(new DkimVerdict.Signer(dkimDomain, "s1")));

        DmarcVerdict verdict = dmarc.evaluate(Optional.of(from), AuthResult.ofWord(spf), spfDomain, dkim, this::txt);

        assertThat(verdict.result().word()).isEqualTo(result);
        assertThat(verdict.policy()).isEqualTo(policy);
    }

    @Test
    void writesAuthenticationResultsAndItsShortForm() {
        DmarcVerdict verdict = dmarc.evaluate(Optional.of("bank.test"), AuthResult.FAIL, "bank.test", DkimVerdict.none(), this::txt);
        SenderAuthentication auth = new SenderAuthentication(AuthResult.FAIL, "mallory@bank.test", DkimVerdict.none(), verdict);

        assertThat(auth.authenticationResults("mx.a.test")).isEqualTo("mx.a.test;\r\n\tspf=fail smtp.mailfrom=mallory@bank.test"
            + ";\r\n\tdkim=none;\r\n\tdmarc=fail (p=reject) header.from=bank.test");
        assertThat(auth.toText()).isEqualTo("spf=fail dkim=none dmarc=fail p=reject");
        assertThat(SenderAuthentication.parseText(auth.toText())).contains(
            Map.of("spf", "fail", "dkim", "none", "dmarc", "fail", "p", "reject"));
        assertThat(SenderAuthentication.parseText("spf=pass")).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "mx.a.test; spf=pass smtp.mailfrom=x@y.test | true",
        "MX.A.TEST 1; dkim=pass                       | true",
        "(forged) mx.a.test; dmarc=pass               | true",
        "mx.other.test; spf=pass                      | false",
        "mx.a.test.evil; spf=pass                     | false",
        "(a) (b)mx.a.test(c) 1; spf=pass              | true",
        "(unclosed mx.a.test; spf=pass                | false",
        "mx.a.test (x; spf=pass                       | true",
    })
    void recognisesHeadersClaimingOurAuthservId(String value, boolean ours) {
        assertThat(SenderAuthentication.claimsAuthservId(value, "mx.a.test")).isEqualTo(ours);
    }

    @Test
    void anAuthenticationResultsFullOfUnclosedCommentsIsReadInLinearTime() {
        // An inbound message may carry this (folded) header at any length: with a regular
        // expression retried from every '(' it took about 17 s for 96,000 characters, minutes for 1 MB.
        String hostile = "x" + "(".repeat(1_000_000);
        boolean ours = assertTimeoutPreemptively(Duration.ofSeconds(3),
            () -> SenderAuthentication.claimsAuthservId(hostile, "mx.a.test"));
        assertThat(ours).isFalse();
    }
}
