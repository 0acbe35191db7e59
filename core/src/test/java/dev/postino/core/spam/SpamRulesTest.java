package dev.postino.core.spam;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postino.core.spam.mime.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SpamRulesTest {
    private static final Instant ARRIVAL = Instant.parse("2002-09-02T10:00:00Z");

    /** Headers of an honest message; a row replaces or drops one of them. */
    private static MimeMessage withHeader(String name, String value, String body) {
        List<String> lines = new ArrayList<>();
        String[][] headers = {
            {"From", "Alice <alice@a.test>"},
            {"To", "bob@b.test"},
            {"Subject", "Lunch on Friday"},
            {"Date", "Mon, 2 Sep 2002 09:00:00 +0000"},
            {"Message-ID", "<1@a.test>"},
        };
        boolean replaced = false;
        for (String[] h : headers) {
            if (h[0].equalsIgnoreCase(name)) {
                replaced = true;
                if (value != null) {
                    lines.add(h[0] + ": " + value);
                }
            } else {
                lines.add(h[0] + ": " + h[1]);
            }
        }
        if (!replaced && value != null) {
            lines.add(name + ": " + value);
        }
        lines.add("");
        lines.add(body);
        return TestMail.parse(lines.toArray(new String[0]));
    }

    private static List<String> fired(MimeMessage message) {
        return fired(SpamInput.of(message, ARRIVAL));
    }

    private static List<String> fired(SpamInput input) {
        List<String> names = new ArrayList<>();
        for (SpamRule rule : SpamRules.defaults()) {
            rule.check(input).ifPresent(c -> names.add(c.name()));
        }
        return names;
    }

    @Test
    void anHonestMessageFiresNothing() {
        assertThat(fired(withHeader("X-Nothing", null, "see you at noon"))).isEmpty();
    }

    @ParameterizedTest(name = "{3}")
    @CsvSource(delimiter = '|', nullValues = "NONE", value = {
        "From       | NONE                                  | hi                    | MISSING_FROM",
        "From       | undisclosed sender                    | hi                    | INVALID_FROM",
        "Date       | NONE                                  | hi                    | MISSING_DATE",
        "Date       | sometime last week                    | hi                    | INVALID_DATE",
        "Date       | Mon, 2 Sep 2002 09:00:00              | hi                    | DATE_MISSING_ZONE",
        "Date       | Mon, 12 Aug 2002 09:00:00 +0000       | hi                    | DATE_IN_PAST",
        "Date       | Tue, 3 Sep 2002 09:00:00 +0000        | hi                    | DATE_IN_FUTURE",
        "Message-ID | NONE                                  | hi                    | MISSING_MESSAGE_ID",
        "Message-ID | 12345                                 | hi                    | INVALID_MESSAGE_ID",
        "Subject    | MAKE MONEY FAST AT HOME                | hi                    | SUBJECT_CAPS",
        "X-Nothing  | NONE                                  | go http://192.0.2.1/x | URL_IP_LITERAL",
    })
    void eachRuleFiresOnItsCraftedMessage(String header, String value, String body, String expected) {
        assertThat(fired(withHeader(header, value, body))).containsExactly(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "Mon, 2 Sep 2002 09:00:00 +0000",  // an hour before arrival
        "Fri, 30 Aug 2002 10:00:00 +0000", // three days in a queue
        "Mon, 2 Sep 2002 20:00:00 +0000",  // a clock ten hours fast
    })
    void plausibleDatesDoNotFire(String date) {
        assertThat(fired(withHeader("Date", date, "hi"))).isEmpty();
    }

    @Test
    void shortOrMixedCaseSubjectsAreNotShouting() {
        assertThat(fired(withHeader("Subject", "RE: FYI", "hi"))).isEmpty();
        assertThat(fired(withHeader("Subject", "IBM and HP Release NEW Servers", "hi"))).isEmpty();
    }

    @Test
    void htmlOnlyAndLinkMismatchFireOnThePhishingFixture() {
        List<String> names = fired(TestMail.parseFixture("phishing-html-only.eml"));

        assertThat(names).contains("HTML_ONLY", "LINK_HOST_MISMATCH", "URL_IP_LITERAL", "SUBJECT_CAPS",
            "MISSING_MESSAGE_ID");
    }

    @Test
    void linksWithinOneSiteAgree() {
        MimeMessage m = TestMail.parse(
            "Content-Type: text/html",
            "",
            "<a href=\"https://mail.shop.test/t?u=1\">www.shop.test</a> <a href=\"http://x.test\">Click here</a>");

        assertThat(new LinkHostMismatchRule(1.0).check(SpamInput.of(m, ARRIVAL))).isEmpty();
    }

    @Test
    void heloFromMismatchNeedsAHeloName() {
        MimeMessage m = withHeader("X-Nothing", null, "hi");
        HeloFromMismatchRule rule = new HeloFromMismatchRule(0.3);

        assertThat(rule.check(SpamInput.of(m, ARRIVAL))).isEmpty();
        assertThat(rule.check(SpamInput.of(m, ARRIVAL).withHeloName("mx1.a.test"))).isEmpty();
        Optional<Contribution> mismatch = rule.check(SpamInput.of(m, ARRIVAL).withHeloName("dsl-1-2-3.isp.test"));
        assertThat(mismatch).hasValueSatisfying(c -> {
            assertThat(c.name()).isEqualTo("HELO_FROM_MISMATCH");
            assertThat(c.points()).isEqualTo(0.3);
            assertThat(c.reason()).contains("dsl-1-2-3.isp.test").contains("a.test");
        });
    }

    @Test
    void dateSkewReasonSaysHowFar() {
        Optional<Contribution> c = DateSkewRule.past(1.0, Duration.ofDays(4))
            .check(SpamInput.of(withHeader("Date", "Mon, 26 Aug 2002 10:00:00 +0000", "hi"), ARRIVAL));

        assertThat(c).hasValueSatisfying(x -> assertThat(x.reason()).isEqualTo("Date is 168h before arrival"));
    }
}
