package dev.postino.matchers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import javax.mail.MessagingException;

import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMatcherConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IsSieveRedirectTest {
    private static IsSieveRedirect matcher() throws MessagingException {
        IsSieveRedirect matcher = new IsSieveRedirect();
        matcher.init(FakeMatcherConfig.builder().matcherName("IsSieveRedirect").build());
        return matcher;
    }

    @ParameterizedTest(name = "{0}, sent by a mailet: {1} → {2}")
    @CsvSource({
        "redirect-Mail1795-abc, true, true",
        "redirect-redirect-Mail1795-abc, true, true",
        "redirect-Mail1795-abc, false, false",
        "Mail1795-abc, true, false",
        "Mail1795-redirect-abc, true, false",
    })
    void matchesOnlyTheCopyOurSieveRedirectSent(String name, boolean sentByMailet, boolean matches) throws Exception {
        FakeMail mail = FakeMail.builder().name(name).sender("mallory@evil.test").recipient("carol@a.test").build();
        if (sentByMailet) {
            mail.setAttribute(Mail.SENT_BY_MAILET_ATTRIBUTE);
        }

        assertThat(matcher().match(mail)).hasSize(matches ? 1 : 0);
    }

    @Test
    void aConditionFailsInit() {
        IsSieveRedirect matcher = new IsSieveRedirect();
        assertThatThrownBy(() -> matcher.init(FakeMatcherConfig.builder().matcherName("IsSieveRedirect")
            .condition("yes").build()))
            .isInstanceOf(MessagingException.class).hasMessageContaining("IsSieveRedirect").hasMessageContaining("yes");
    }
}
