package dev.postino.matchers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collection;

import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMatcherConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.postino.core.size.SizeLimitStore;
import dev.postino.core.size.SizeLimits;

class IsOversizedTest {
    private static final SizeLimitStore LIMITS = SizeLimitStore.of(SizeLimits.builder()
        .global(1000)
        .submissionUser("ceo@a.test", 5000)
        .inboundDomain("b.test", 200)
        .build());

    @ParameterizedTest(name = "{0} bytes by {1} to {2} → {3}")
    @CsvSource(delimiter = '|', value = {
        "200  | -          | bob@b.test carol@c.test | ''",
        "201  | -          | bob@b.test carol@c.test | bob@b.test",
        "1001 | -          | bob@b.test carol@c.test | bob@b.test carol@c.test",
        "1001 | ceo@a.test | bob@b.test carol@c.test | bob@b.test",
        "5000 | ceo@a.test | carol@c.test            | ''",
        "5001 | ceo@a.test | carol@c.test            | carol@c.test",
    })
    void matchesTheRecipientsOverTheirLimit(long size, String user, String rcpts, String expected) throws Exception {
        IsOversized matcher = matcher(null);
        FakeMail.Builder mail = FakeMail.builder().name("m1").sender("x@a.test").recipients(rcpts.split(" ")).size(size);
        if (!user.equals("-")) {
            mail.attribute(new Attribute(Mail.SMTP_AUTH_USER, AttributeValue.of(user)));
        }

        Collection<MailAddress> matched = matcher.match(mail.build());

        assertThat(String.join(" ", matched.stream().map(MailAddress::asString).toArray(String[]::new))).isEqualTo(expected);
    }

    @Test
    void aConditionIsRefused() {
        assertThatThrownBy(() -> matcher("10M")).isInstanceOf(MessagingException.class).hasMessageContaining("'10M'");
    }

    private static IsOversized matcher(String condition) throws MessagingException {
        IsOversized matcher = new IsOversized(LIMITS);
        matcher.init(FakeMatcherConfig.builder().matcherName("IsOversized").condition(condition).build());
        return matcher;
    }
}
