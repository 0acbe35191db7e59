package dev.postino.matchers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import javax.mail.MessagingException;

import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMatcherConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IsSpamTest {
    private static IsSpam matcher(String condition) throws MessagingException {
        IsSpam matcher = new IsSpam();
        FakeMatcherConfig.Builder config = FakeMatcherConfig.builder().matcherName("IsSpam");
        if (condition != null) {
            config.condition(condition);
        }
        matcher.init(config.build());
        return matcher;
    }

    private static FakeMail mail() throws MessagingException {
        return FakeMail.builder().name("m").sender("a@a.test").recipient("bob@b.test").build();
    }

    @Test
    void withoutConditionMatchesMailJudgedSpam() throws Exception {
        FakeMail spam = mail();
        SpamAttributes.setVerdict(spam, true, 7.0, "Yes, score=7.0 required=5.0 tests=X");
        FakeMail ham = mail();
        SpamAttributes.setVerdict(ham, false, 1.0, "No, score=1.0 required=5.0 tests=X");

        assertThat(matcher(null).match(spam)).hasSize(1);
        assertThat(matcher(null).match(ham)).isEmpty();
        assertThat(matcher(null).match(mail())).as("never scored").isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"7.0, 7.0, true", "7.0, 6.9, false", "-1, -0.5, true", "12.5, 20, true"})
    void withConditionComparesTheScore(String condition, double score, boolean matches) throws Exception {
        FakeMail mail = mail();
        SpamAttributes.setVerdict(mail, false, score, "No");

        assertThat(matcher(condition).match(mail).isEmpty()).isEqualTo(!matches);
    }

    @ParameterizedTest
    @CsvSource({"lots", "NaN", "'5,0'"})
    void aBadConditionFailsInit(String condition) {
        assertThatThrownBy(() -> matcher(condition))
            .isInstanceOf(MessagingException.class)
            .hasMessageContaining("IsSpam").hasMessageContaining(condition);
    }
}
