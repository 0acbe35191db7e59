package dev.postino.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;

import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.apache.james.dnsservice.api.DNSService;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.apache.james.server.core.MimeMessageWrapper;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.postino.config.ConfigException;
import dev.postino.core.spam.GtubeRule;
import dev.postino.matchers.SpamAttributes;
import dev.postino.spam.DnsblResolver;
import dev.postino.spam.FakeFileSystem;
import dev.postino.spam.SpamTokenStores;
import dev.postino.spam.SpamVerdictCounters;
import dev.postino.spam.SyntheticCorpus;
import dev.postino.testing.dns.DnsZone;
import dev.postino.testing.dns.ScriptedDnsService;

class SpamCheckTest {
    @TempDir
    Path home;
    private final SpamTokenStores stores = new SpamTokenStores();
    private final RecordingMetricFactory metrics = new RecordingMetricFactory();
    private final DnsZone zone = new DnsZone();
    private final CountDownLatch slowDnsAnswers = new CountDownLatch(1);
    private DNSService dns = new ScriptedDnsService(zone);
    private SpamCheck mailet;

    @AfterEach
    void destroy() {
        slowDnsAnswers.countDown();
        if (mailet != null) {
            mailet.destroy();
        }
    }

    private SpamCheck mailet(String... keyValues) throws MessagingException {
        FakeMailetConfig.Builder config = FakeMailetConfig.builder().mailetName("SpamCheck");
        for (int i = 0; i < keyValues.length; i += 2) {
            config.setProperty(keyValues[i], keyValues[i + 1]);
        }
        mailet = new SpamCheck(new FakeFileSystem(home), stores, new SpamVerdictCounters(metrics), new DnsblResolver(dns));
        mailet.init(config.build());
        return mailet;
    }

    private static FakeMail mail(String raw) throws MessagingException {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()),
            new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
        return FakeMail.builder().name("m1").sender("alice@a.test").recipient("bob@b.test").mimeMessage(message)
            .remoteAddr("192.0.2.7").build();
    }

    private static String message(String subject, String body, String extraHeaders) {
        return "From: alice@a.test\r\nTo: bob@b.test\r\nSubject: " + subject + "\r\n"
            + "Date: " + java.time.ZonedDateTime.now().format(java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME)
            + "\r\nMessage-ID: <1@a.test>\r\n" + extraHeaders + "MIME-Version: 1.0\r\n"
            + "Content-Type: text/plain; charset=UTF-8\r\n\r\n" + body + "\r\n";
    }

    @Test
    void gtubeIsJudgedSpamWithHeadersAndAttributes() throws Exception {
        FakeMail mail = mail(message("test", "This is the GTUBE, " + GtubeRule.GTUBE, ""));

        mailet().service(mail);

        MimeMessage out = mail.getMessage();
        assertThat(out.getHeader("X-Spam-Status", null)).startsWith("Yes, score=1000.0 required=5.0 tests=GTUBE");
        assertThat(out.getHeader("X-Spam-Score", null)).isEqualTo("1000.0");
        assertThat(out.getHeader("X-Spam-Report", null)).contains("1000.0 GTUBE GTUBE test string present");
        assertThat(SpamAttributes.isJudgedSpam(mail)).isTrue();
        assertThat(PostinoAttributes.flag(mail, PostinoAttributes.JUDGED_SPAM)).isTrue();
        assertThat(SpamAttributes.score(mail)).contains(1000.0);
        assertThat(metrics.countFor(SpamVerdictCounters.TAGGED)).isEqualTo(1);
        assertThat(metrics.countFor(SpamVerdictCounters.HAM)).isZero();
        assertThat(mail.getState()).isNotEqualTo(Mail.ERROR);
    }

    @Test
    void aMessageWhoseContentTypeJavaMailCannotParseIsScoredAfterItsHeaderWasEdited() throws Exception {
        // As in the spool: CompleteSubmission added a Date without saving (HeaderEdits), and James's
        // MimeMessageWrapper saves pending edits when the message is written; saving parses the Content-Type.
        String raw = message("test", "This is the GTUBE, " + GtubeRule.GTUBE, "")
            .replace("text/plain; charset=UTF-8", "text/plain; charset");
        MimeMessage spooled = new MimeMessageWrapper(new MimeMessage(Session.getInstance(new Properties()),
            new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8))));
        spooled.addHeaderLine("X-Added-By-A-Mailet: yes");
        FakeMail mail = FakeMail.builder().name("m1").sender("alice@a.test").recipient("bob@b.test")
            .mimeMessage(spooled).remoteAddr("192.0.2.7").build();

        mailet().service(mail);

        assertThat(mail.getMessage().getHeader("X-Spam-Status", null)).startsWith("Yes, score=1000.0");
        assertThat(SpamAttributes.isJudgedSpam(mail)).isTrue();
        assertThat(metrics.countFor(SpamVerdictCounters.CHECK_FAILED)).isZero();
    }

    @Test
    void hamIsTaggedNoAndForgedVerdictsAreReplaced() throws Exception {
        FakeMail mail = mail(message("Lunch on Friday?", "see you at noon",
            "X-Spam-Status: No, score=-50\r\nX-Spam-Flag: NO\r\n"));

        mailet().service(mail);

        MimeMessage out = mail.getMessage();
        assertThat(out.getHeader("X-Spam-Status")).hasSize(1);
        assertThat(out.getHeader("X-Spam-Status", null)).startsWith("No, score=0.0 required=5.0");
        assertThat(out.getHeader("X-Spam-Flag")).isNull();
        assertThat(SpamAttributes.isJudgedSpam(mail)).isFalse();
        assertThat(SpamAttributes.score(mail)).contains(0.0);
        assertThat(metrics.countFor(SpamVerdictCounters.HAM)).isEqualTo(1);
    }

    @Test
    void aTrainingDirectorySeedsTheStoreOnceAndTheClassifierTagsBelowReject() throws Exception {
        Path corpus = SyntheticCorpus.write(home.resolve("training"), 60);
        FakeMail spam = mail(message("cheap casino bonus", "cheap pills casino winner lottery jackpot claim prize", ""));

        mailet("trainingDirectory", "training", "tokenStore", "var/spam/tokens").service(spam);

        assertThat(spam.getMessage().getHeader("X-Spam-Status", null)).startsWith("Yes").contains("BAYES_9999");
        assertThat(SpamAttributes.score(spam).orElseThrow()).isBetween(5.0, 15.0);
        assertThat(home.resolve("var/spam/tokens")).exists();
        String saved = Files.readString(home.resolve("var/spam/tokens"));
        assertThat(saved).contains("messages 60 60");

        mailet.destroy();
        mailet("trainingDirectory", corpus.toString(), "tokenStore", "var/spam/tokens");
        assertThat(Files.readString(home.resolve("var/spam/tokens"))).as("not learned twice").isEqualTo(saved);

        FakeMail ham = mail(message("project meeting", "agenda for the quarterly budget review, thanks team", ""));
        mailet.service(ham);
        assertThat(ham.getMessage().getHeader("X-Spam-Status", null)).startsWith("No").contains("BAYES_00");
    }

    @Test
    void aTrainingFileThatCannotBeReadIsSkippedNotFatal() throws Exception {
        Path corpus = SyntheticCorpus.write(home.resolve("training"), 60);
        // A file that cannot be read, even by root: reading /proc/self/mem from offset 0 fails.
        Files.createSymbolicLink(corpus.resolve("spam/unreadable.eml"), Paths.get("/proc/self/mem"));

        mailet("trainingDirectory", "training", "tokenStore", "var/spam/tokens");

        assertThat(Files.readString(home.resolve("var/spam/tokens"))).contains("messages 60 60\n");
    }

    @Test
    void aClientListedByADnsblScoresItsWeightWithTheReason() throws Exception {
        zone.a("7.2.0.192.zen.example.org", "127.0.0.4");
        FakeMail mail = mail(message("Lunch on Friday?", "see you at noon", ""));

        mailet("dnsblSites", "zen.example.org=127.0.0.[2..11]*3.5 bl.example.net*2", "dnsblTimeout", "2s").service(mail);

        assertThat(mail.getMessage().getHeader("X-Spam-Status", null)).startsWith("No, score=3.5 required=5.0")
            .contains("tests=DNSBL_ZEN_EXAMPLE_ORG");
        assertThat(mail.getMessage().getHeader("X-Spam-Report", null))
            .contains("3.5 DNSBL_ZEN_EXAMPLE_ORG client 192.0.2.7 listed in zen.example.org (127.0.0.4)");
        assertThat(zone.queries()).extracting(Object::toString).anyMatch(q -> q.contains("7.2.0.192.bl.example.net"));
    }

    @Test
    void aScoreCarriedFromDataIsCompletedWithSenderAuthenticationNotComputedAgain() throws Exception {
        zone.a("7.2.0.192.zen.example.org", "127.0.0.4");
        FakeMail mail = mail(message("Lunch on Friday?", "see you at noon", ""));
        String basis = "store=" + home.resolve("var/postino/spam-tokens") + " client=[zen.example.org*4.5] links=[]";
        mail.setAttribute(new Attribute(PostinoAttributes.SPAM_AT_DATA, AttributeValue.of("postino-spam-1 bayes=-\n"
            + "basis=" + basis + "\n4.5\tDNSBL_ZEN\tclient 192.0.2.7 listed in zen.example.org (127.0.0.4)")));
        mail.setAttribute(new Attribute(PostinoAttributes.SENDER_AUTHENTICATION,
            AttributeValue.of("spf=fail dkim=none dmarc=none p=none")));

        mailet("dnsblSites", "zen.example.org*4.5").service(mail);

        assertThat(mail.getMessage().getHeader("X-Spam-Status", null))
            .isEqualTo("Yes, score=5.5 required=5.0 tests=DNSBL_ZEN,SPF_FAIL");
        assertThat(mail.getMessage().getHeader("X-Spam-Report", null))
            .contains("4.5 DNSBL_ZEN client 192.0.2.7 listed in zen.example.org (127.0.0.4)");
        assertThat(zone.queries()).isEmpty();
        assertThat(mail.getAttribute(PostinoAttributes.SPAM_AT_DATA)).isEmpty();
        assertThat(SpamAttributes.isJudgedSpam(mail)).isTrue();
    }

    @Test
    void aScoreCarriedWithOtherBlocklistsIsScoredAgain() throws Exception {
        zone.a("7.2.0.192.zen.example.org", "127.0.0.4");
        FakeMail mail = mail(message("Lunch on Friday?", "see you at noon", ""));
        String basis = "store=" + home.resolve("var/postino/spam-tokens") + " client=[] links=[]";
        mail.setAttribute(new Attribute(PostinoAttributes.SPAM_AT_DATA,
            AttributeValue.of("postino-spam-1 bayes=-\nbasis=" + basis + "\n")));

        mailet("dnsblSites", "zen.example.org*4.5").service(mail);

        assertThat(mail.getMessage().getHeader("X-Spam-Status", null))
            .isEqualTo("No, score=4.5 required=5.0 tests=DNSBL_ZEN_EXAMPLE_ORG");
        assertThat(zone.queries()).isNotEmpty();
    }

    @Test
    void anUnreadableCarriedScoreIsIgnoredAndTheMessageScored() throws Exception {
        FakeMail mail = mail(message("test", "This is the GTUBE, " + GtubeRule.GTUBE, ""));
        mail.setAttribute(new Attribute(PostinoAttributes.SPAM_AT_DATA, AttributeValue.of("no score here")));

        mailet().service(mail);

        assertThat(mail.getMessage().getHeader("X-Spam-Status", null)).startsWith("Yes, score=1000.0");
        assertThat(mail.getAttribute(PostinoAttributes.SPAM_AT_DATA)).isEmpty();
    }

    @Test
    void aListedLinkDomainScoresTheUriBlocklistWeight() throws Exception {
        zone.a("spam.test.multi.uribl.example", "127.0.0.2");
        FakeMail mail = mail(message("offer", "see http://www.spam.test/buy now", ""));

        mailet("uriblSites", "multi.uribl.example=127.0.0.[2..14]*2").service(mail);

        assertThat(mail.getMessage().getHeader("X-Spam-Report", null))
            .contains("2.0 URIBL_MULTI_URIBL_EXAMPLE link domain spam.test listed in multi.uribl.example (127.0.0.2)");
    }

    @Test
    void anAuthenticatedSendersAddressIsNotAskedOfTheDnsbl() throws Exception {
        zone.a("7.2.0.192.zen.example.org", "127.0.0.10");
        FakeMail mail = mail(message("Lunch on Friday?", "see you at noon", ""));
        mail.setAttribute(new Attribute(Mail.SMTP_AUTH_USER, AttributeValue.of("alice@a.test")));

        mailet("dnsblSites", "zen.example.org").service(mail);

        assertThat(mail.getMessage().getHeader("X-Spam-Status", null)).doesNotContain("DNSBL");
        assertThat(zone.queries()).isEmpty();
    }

    @Test
    void aDnsblTimeoutFailOpenScoresWithoutTheListing() throws Exception {
        dns = slowDns();
        FakeMail mail = mail(message("Lunch on Friday?", "see you at noon", ""));

        mailet("dnsblSites", "zen.example.org*9", "dnsblTimeout", "1s").service(mail);

        assertThat(mail.getState()).isNotEqualTo(Mail.ERROR);
        assertThat(mail.getMessage().getHeader("X-Spam-Status", null)).startsWith("No, score=0.0");
    }

    @Test
    void aDnsblTimeoutFailClosedParksTheMail() throws Exception {
        dns = slowDns();
        FakeMail mail = mail(message("Lunch on Friday?", "see you at noon", ""));

        mailet("dnsblSites", "zen.example.org*9", "dnsblTimeout", "1s", "failMode", "closed",
            "errorProcessor", "spam-check-failed").service(mail);

        assertThat(mail.getState()).isEqualTo("spam-check-failed");
        assertThat(mail.getMessage().getHeader("X-Spam-Status")).isNull();
    }

    /** A DNS whose blocklist answers come only after the test ends. */
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

    @Test
    void failOpenPassesTheMailOnUnscored() throws Exception {
        FakeMail mail = FakeMail.builder().name("m").recipient("bob@b.test").mimeMessage(new Unreadable()).build();

        mailet().service(mail);

        assertThat(mail.getState()).isNotEqualTo(Mail.ERROR);
        assertThat(SpamAttributes.score(mail)).isEmpty();
        assertThat(metrics.countFor(SpamVerdictCounters.CHECK_FAILED)).isEqualTo(1);
    }

    @Test
    void failClosedParksTheMailInTheErrorProcessor() throws Exception {
        FakeMail mail = FakeMail.builder().name("m").recipient("bob@b.test").mimeMessage(new Unreadable()).build();

        mailet("failMode", "closed", "errorProcessor", "spam-check-failed").service(mail);

        assertThat(mail.getState()).isEqualTo("spam-check-failed");
    }

    @ParameterizedTest(name = "{0}={1} → {2}")
    @CsvSource(delimiter = '|', value = {
        "tagTreshold       | 5      | unknown key(s) [tagTreshold]",
        "tagThreshold      | lots   | bad value for tagThreshold='lots'",
        "tagThreshold      | NaN    | bad value for tagThreshold='NaN'",
        "failMode          | maybe  | bad value for failMode='maybe': must be one of [open, closed]",
        "saveInterval      | 0      | bad value for saveInterval='0'",
        "saveInterval      | often  | bad value for saveInterval='often'",
        "trainingDirectory | nowhere | bad value for trainingDirectory=",
        "rejectThreshold   | 15     | unknown key(s) [rejectThreshold]",
        "dnsblSites        | zen.example.org*x | bad value for dnsblSites='zen.example.org*x': blocklist entry 'zen.example.org*x': weight 'x' is not a number",
        "uriblSites        | uribl.example=127.0.0 | bad value for uriblSites='uribl.example=127.0.0': blocklist entry",
        "dnsblTimeout      | soon   | bad value for dnsblTimeout='soon'",
        "dnsblTimeout      | 0s     | bad value for dnsblTimeout='0s'",
        // A client waits 10 minutes for the reply to its dot; 999999999d also overflowed at every mail.
        "dnsblTimeout      | 6m     | bad value for dnsblTimeout='6m': must be at most 5m",
        "dnsblTimeout      | 999999999d | bad value for dnsblTimeout='999999999d': must be at most 5m",
    })
    void badParametersFailInitNamingTheParameter(String name, String value, String message) {
        assertThatThrownBy(() -> mailet(name, value))
            .isInstanceOf(ConfigException.class)
            .hasMessageContaining("mailet SpamCheck")
            .hasMessageContaining(message);
    }

    @Test
    void aDamagedTokenStoreFailsInitNamingIt() throws Exception {
        Files.createDirectories(home.resolve("var/postino"));
        Files.writeString(home.resolve("var/postino/spam-tokens"), "not a token store\n");

        assertThatThrownBy(() -> mailet())
            .isInstanceOf(ConfigException.class)
            .hasMessageContaining("tokenStore=").hasMessageContaining("spam-tokens").hasMessageContaining("line 1");
    }

    /** A message whose content cannot be read, as when the spool's file vanished. */
    private static final class Unreadable extends MimeMessage {
        Unreadable() {
            super(Session.getInstance(new Properties()));
        }

        @Override
        public void writeTo(OutputStream os) throws IOException {
            throw new IOException("spool file gone");
        }
    }
}
