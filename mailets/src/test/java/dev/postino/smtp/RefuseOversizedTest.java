package dev.postino.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.filesystem.api.FileSystem;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.metrics.tests.RecordingMetricFactory;

import com.google.inject.Guice;
import com.google.inject.Injector;

import dev.postino.core.size.SizeLimitStore;
import dev.postino.core.size.SizeLimits;

class RefuseOversizedTest {
    private static final RecordingMetricFactory METRICS = new RecordingMetricFactory();
    private static final RefuseOversized HOOK = new RefuseOversized(SizeLimitStore.of(SizeLimits.builder()
        .global(1000)
        .submissionDomain("a.test", 500)
        .submissionUser("ceo@a.test", 5000)
        .inboundDomain("b.test", 200)
        .build()), METRICS);

    @ParameterizedTest(name = "MAIL by {0} SIZE={1} → {2}")
    @CsvSource(delimiter = '|', value = {
        "-            |      | DECLINED",
        "-            | 1000 | DECLINED",
        "-            | 1001 | 552 5.3.4 Message size exceeds fixed maximum message size",
        "alice@a.test | 500  | DECLINED",
        "alice@a.test | 501  | 552 5.3.4 Message size exceeds fixed maximum message size",
        "ceo@a.test   | 5000 | DECLINED",
    })
    void mailChecksTheDeclaredSizeAgainstTheSender(String user, Integer declared, String expected) throws Exception {
        HookResult result = HOOK.doMail(FakeSmtp.session(declared, user(user)), MaybeSender.getMailSender("x@a.test"));

        assertThat(describe(result)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "RCPT {1} by {0} SIZE={2} → {3}")
    @CsvSource(delimiter = '|', value = {
        "-          | bob@b.test   |      | DECLINED",
        "-          | bob@b.test   | 200  | DECLINED",
        "-          | bob@b.test   | 201  | 552 5.3.4 Message too big for this recipient",
        "-          | carol@c.test | 201  | DECLINED",
        "ceo@a.test | carol@c.test | 5000 | DECLINED",
        "ceo@a.test | bob@b.test   | 5000 | 552 5.3.4 Message too big for this recipient",
    })
    void rcptChecksTheDeclaredSizeAgainstEachRecipient(String user, String rcpt, Integer declared, String expected)
        throws Exception {
        HookResult result = HOOK.doRcpt(FakeSmtp.session(declared, user(user)), MaybeSender.getMailSender("x@a.test"),
            new MailAddress(rcpt));

        assertThat(describe(result)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "DATA by {0}, {1} bytes to {2} → {3}")
    @CsvSource(delimiter = '|', value = {
        "-          | 200  | bob@b.test carol@c.test | DECLINED",
        "-          | 201  | bob@b.test carol@c.test | 552 5.3.4 Message size exceeds fixed maximum message size",
        "ceo@a.test | 201  | bob@b.test carol@c.test | DECLINED",
        "ceo@a.test | 201  | bob@b.test             | 552 5.3.4 Message size exceeds fixed maximum message size",
    })
    void endOfDataChecksTheRealSize(String user, long size, String rcpts, String expected) throws Exception {
        List<MailAddress> recipients = new ArrayList<>();
        for (String rcpt : rcpts.split(" ")) {
            recipients.add(new MailAddress(rcpt));
        }

        HookResult result = HOOK.onMessage(FakeSmtp.session(null, user(user)), FakeSmtp.envelope(size, "x@a.test", recipients));

        assertThat(describe(result)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}={1} → {2}")
    @CsvSource(delimiter = '|', value = {
        "size.limit                          | 10   | bad value for size.limit='10'",
        "size.limit.submission.domain.a.test | 10MB | bad value for size.limit.submission.domain.a.test='10MB'",
        "size.limit.submision.domain.a.test  | 10M  | unknown key size.limit.submision.domain.a.test",
        "size.limit.inbound.user.b.test      | 10M  | key size.limit.inbound.user.b.test must end with an address",
    })
    void badConfigurationStopsTheHookFromBeingBuiltNamingTheKey(String key, String value, String message,
                                                                @TempDir Path home) throws IOException {
        Files.createDirectories(home.resolve("conf"));
        Files.writeString(home.resolve("conf/postino.properties"), key + "=" + value + "\n");
        Injector injector = Guice.createInjector(new SizeLimitsModule(),
            binder -> binder.bind(FileSystem.class).toInstance(FakeSmtp.fileSystem(home)),
            binder -> binder.bind(MetricFactory.class).toInstance(new RecordingMetricFactory()));

        assertThatThrownBy(() -> injector.getInstance(RefuseOversized.class))
            .hasMessageContaining(message)
            .hasMessageContaining("postino.properties");
    }

    @Test
    void goodConfigurationIsSharedByEveryUser(@TempDir Path home) throws IOException {
        Files.createDirectories(home.resolve("conf"));
        Files.writeString(home.resolve("conf/postino.properties"), "size.limit=1K\nsize.limit.inbound.domain.b.test=512B\n");
        Injector injector = Guice.createInjector(new SizeLimitsModule(),
            binder -> binder.bind(FileSystem.class).toInstance(FakeSmtp.fileSystem(home)),
            binder -> binder.bind(MetricFactory.class).toInstance(new RecordingMetricFactory()));

        SizeLimitStore store = injector.getInstance(SizeLimitStore.class);
        assertThat(injector.getInstance(SizeLimitStore.class)).isSameAs(store);
        assertThat(store.limits().global()).isEqualTo(1024);
        assertThat(store.limits().inboundLimit("bob@b.test")).hasValue(512);
    }

    @Test
    void everyRefusalIsCountedInJamesMetrics() throws Exception {
        RecordingMetricFactory metrics = new RecordingMetricFactory();
        RefuseOversized hook = new RefuseOversized(SizeLimitStore.of(SizeLimits.builder().global(1000).build()), metrics);

        hook.doMail(FakeSmtp.session(1000, null), MaybeSender.getMailSender("x@a.test"));
        hook.doMail(FakeSmtp.session(1001, null), MaybeSender.getMailSender("x@a.test"));
        hook.doMail(FakeSmtp.session(5000, null), MaybeSender.getMailSender("x@a.test"));

        assertThat(metrics.countFor("postino_size_refused")).isEqualTo(2);
    }

    private static String user(String user) {
        return user.equals("-") ? null : user;
    }

    private static String describe(HookResult result) {
        if (result.getResult().equals(HookReturnCode.declined())) {
            return "DECLINED";
        }
        return result.getSmtpRetCode() + " " + result.getSmtpDescription();
    }
}
