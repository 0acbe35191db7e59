package dev.postino.spam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;

import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.Username;
import org.apache.james.dnsservice.api.DNSService;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.mailet.base.test.FakeMail;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.postino.core.spam.CarriedScore;
import dev.postino.core.spam.Contribution;
import dev.postino.mailets.PostinoAttributes;
import dev.postino.testing.dns.DnsZone;
import dev.postino.testing.dns.ScriptedDnsService;

class RejectSpamAtDataTest {
    private static final String MESSAGE = "From: mallory@evil.test\r\nTo: bob@a.test\r\nSubject: hello\r\n"
        + "Message-ID: <1@evil.test>\r\n\r\nplain words\r\n";

    @TempDir
    Path home;
    private final SpamTokenStores stores = new SpamTokenStores();
    private final DnsZone zone = new DnsZone();
    private final CountDownLatch slowDnsAnswers = new CountDownLatch(1);
    private RejectSpamAtData hook;

    @AfterEach
    void destroy() {
        slowDnsAnswers.countDown();
        if (hook != null) {
            hook.destroy();
        }
    }

    private RejectSpamAtData hook(DNSService dns, String... keyValues) throws ConfigurationException {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            values.put(keyValues[i], keyValues[i + 1]);
        }
        // Just the two methods the hook reads: the handler's child elements as keys.
        Configuration config = (Configuration) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {Configuration.class}, (proxy, method, args) -> {
                switch (method.getName()) {
                    case "getKeys":
                        return values.keySet().iterator();
                    case "getString":
                        return values.get((String) args[0]);
                    default:
                        throw new UnsupportedOperationException(method.getName());
                }
            });
        hook = new RejectSpamAtData(new FakeFileSystem(home), stores,
            new SpamVerdictCounters(new org.apache.james.metrics.tests.RecordingMetricFactory()), new DnsblResolver(dns));
        hook.init(config);
        return hook;
    }

    @Test
    void aClientListedHeavilyEnoughIsRefusedAtTheEndOfData() throws Exception {
        zone.a("7.2.0.192.zen.example.org", "127.0.0.2");

        HookResult result = hook(new ScriptedDnsService(zone), "dnsblSites", "zen.example.org=127.0.0.[2..11]*20")
            .onMessage(session(null), envelope());

        assertThat(result).isEqualTo(RejectSpamAtData.REFUSED);
    }

    @Test
    void anAcceptedMailCarriesItsScoreForSpamCheck() throws Exception {
        zone.a("7.2.0.192.zen.example.org", "127.0.0.2");
        RejectSpamAtData listed = hook(new ScriptedDnsService(zone), "dnsblSites", "zen.example.org*4");
        FakeMail accepted = envelope();

        assertThat(listed.onMessage(session(null), accepted)).isEqualTo(HookResult.DECLINED);

        String carried = String.valueOf(accepted.getAttribute(PostinoAttributes.SPAM_AT_DATA).orElseThrow()
            .getValue().value());
        assertThat(CarriedScore.parse(carried).orElseThrow().contributions()).extracting(Contribution::name)
            .containsExactly("MISSING_DATE", "DNSBL_ZEN_EXAMPLE_ORG");
    }

    @Test
    void anUnlistedOrAuthenticatedClientIsNotRefused() throws Exception {
        RejectSpamAtData listedZone = hook(new ScriptedDnsService(zone), "dnsblSites", "zen.example.org*20");

        assertThat(listedZone.onMessage(session(null), envelope())).isEqualTo(HookResult.DECLINED);

        zone.a("7.2.0.192.zen.example.org", "127.0.0.2");
        zone.clearQueries();
        assertThat(listedZone.onMessage(session("alice@a.test"), envelope())).isEqualTo(HookResult.DECLINED);
        assertThat(zone.queries()).isEmpty();
    }

    @Test
    void aBlocklistTimeoutFailClosedAsksTheClientToRetry() throws Exception {
        HookResult result = hook(slowDns(), "dnsblSites", "zen.example.org", "dnsblTimeout", "1s", "failMode", "closed")
            .onMessage(session(null), envelope());

        assertThat(result).isEqualTo(RejectSpamAtData.TRY_LATER);
    }

    @Test
    void aBlocklistTimeoutFailOpenAccepts() throws Exception {
        HookResult result = hook(slowDns(), "dnsblSites", "zen.example.org*20", "dnsblTimeout", "1s")
            .onMessage(session(null), envelope());

        assertThat(result).isEqualTo(HookResult.DECLINED);
    }

    @Test
    void aBadBlocklistSettingStopsStartUpNamingTheKey() {
        assertThatThrownBy(() -> hook(new ScriptedDnsService(zone), "dnsblSites", "zen.example.org=127.0.0.[2..x]"))
            .isInstanceOf(ConfigurationException.class)
            .hasMessageContaining("bad value for dnsblSites='zen.example.org=127.0.0.[2..x]'")
            .hasMessageContaining("'x' is not a number 0..255");
        assertThatThrownBy(() -> hook(new ScriptedDnsService(zone), "uriblSites", "nodots"))
            .isInstanceOf(ConfigurationException.class).hasMessageContaining("bad value for uriblSites='nodots'");
    }

    private DNSService slowDns() {
        ScriptedDnsService scripted = new ScriptedDnsService(zone);
        return (DNSService) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DNSService.class},
            (proxy, method, args) -> {
                if (method.getName().equals("getAllByName")) {
                    slowDnsAnswers.await();
                }
                try {
                    return method.invoke(scripted, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            });
    }

    private static SMTPSession session(String user) {
        return (SMTPSession) Proxy.newProxyInstance(RejectSpamAtDataTest.class.getClassLoader(),
            new Class<?>[] {SMTPSession.class}, (proxy, method, args) -> {
                switch (method.getName()) {
                    case "getAttachment":
                        return Optional.of("mx.evil.test");
                    case "getUsername":
                        return user == null ? null : Username.of(user);
                    case "getSessionID":
                        return "session-1";
                    case "getRemoteAddress":
                        return new InetSocketAddress("192.0.2.7", 40000);
                    default:
                        throw new UnsupportedOperationException(method.getName());
                }
            });
    }

    private static FakeMail envelope() throws MessagingException {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()),
            new ByteArrayInputStream(MESSAGE.getBytes(StandardCharsets.UTF_8)));
        return FakeMail.builder().name("m1").sender("mallory@evil.test").recipient("bob@a.test").mimeMessage(message)
            .build();
    }
}
