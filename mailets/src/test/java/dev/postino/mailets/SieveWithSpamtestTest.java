package dev.postino.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.Map;

import org.apache.james.core.MailAddress;
import org.apache.james.core.Username;
import org.apache.james.sieverepository.api.exception.ScriptNotFoundException;
import org.apache.james.transport.mailets.jsieve.ResourceLocator;
import org.apache.james.transport.mailets.jsieve.delivery.SieveExecutor;
import org.apache.james.user.api.UsersRepository;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.StorageDirective;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.postino.matchers.SpamAttributes;

class SieveWithSpamtestTest {
    private static final Username BOB = Username.of("bob@a.test");
    private static final String ISSUE_RULE = "require [\"spamtest\",\"relational\",\"comparator-i;ascii-numeric\",\"fileinto\"];\r\n"
        + "if spamtest :value \"ge\" :comparator \"i;ascii-numeric\" \"5\" { fileinto \"Spammy\"; }\r\n";

    private final Map<String, String> activeScripts = new HashMap<>();
    private final FakeMailContext context = FakeMailContext.defaultContext();
    @TempDir
    Path home;

    private SieveWithSpamtest mailet(String... keyValues) throws Exception {
        FakeMailetConfig.Builder config = FakeMailetConfig.builder().mailetName("SieveWithSpamtest").mailetContext(context);
        for (int i = 0; i < keyValues.length; i += 2) {
            config.setProperty(keyValues[i], keyValues[i + 1]);
        }
        SieveWithSpamtest mailet = new SieveWithSpamtest(users(), scripts(), () -> home);
        mailet.init(config.build());
        return mailet;
    }

    private ResourceLocator scripts() {
        return new ResourceLocator(null, users()) {
            @Override
            public UserSieveInformation get(MailAddress recipient) throws Exception {
                String script = activeScripts.get(recipient.asString());
                if (script == null) {
                    throw new ScriptNotFoundException();
                }
                return new UserSieveInformation(ZonedDateTime.now().minusDays(1), ZonedDateTime.now(),
                    new ByteArrayInputStream(script.getBytes(StandardCharsets.UTF_8)));
            }
        };
    }

    private static UsersRepository users() {
        return (UsersRepository) Proxy.newProxyInstance(UsersRepository.class.getClassLoader(),
            new Class<?>[] {UsersRepository.class}, (proxy, method, args) -> {
                if (method.getName().equals("getUsername")) {
                    return Username.of(((MailAddress) args[0]).asString());
                }
                throw new UnsupportedOperationException(method.getName());
            });
    }

    private static FakeMail mail(Boolean judged, double score) throws Exception {
        FakeMail mail = FakeMail.builder().name("m").sender("mallory@evil.test").recipient("bob@a.test")
            .mimeMessage(org.apache.james.core.builder.MimeMessageBuilder.mimeMessageBuilder()
                .setSubject("offer").setText("hello"))
            .build();
        if (judged != null) {
            SpamAttributes.setVerdict(mail, judged, score, "test");
        }
        return mail;
    }

    private static String text(javax.mail.internet.MimeMessage message) throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        message.writeTo(out);
        return out.toString(StandardCharsets.UTF_8).replaceAll("\r\n[ \t]+", " ");
    }

    private static String folderOf(Mail mail) {
        return StorageDirective.fromMail(BOB, mail).getTargetFolder().orElse("(none)");
    }

    @ParameterizedTest(name = "judged={0} score={1} → {2}")
    @CsvSource({"true, 6.0, /Spammy", "true, 20.0, /Spammy", "false, 4.9, /INBOX", "false, -2.0, /INBOX"})
    void theIssuesRuleFilesMailTheCheckJudgedSpam(boolean judged, double score, String folder) throws Exception {
        activeScripts.put("bob@a.test", ISSUE_RULE);
        FakeMail mail = mail(judged, score);

        mailet().service(mail);

        assertThat(folderOf(mail)).isEqualTo(folder);
        assertThat(context.getSentMails()).as("no error notification").isEmpty();
    }

    @ParameterizedTest(name = "{0} on judged={1} score={2} → {3}")
    @CsvSource(delimiter = '|', value = {
        // unscored mail is level 0 (RFC 3685 §3)
        "spamtest \"0\"                                                  |      | 0    | /Spammy",
        "spamtest :value \"ge\" :comparator \"i;ascii-numeric\" \"1\"    |      | 0    | /INBOX",
        "spamtest :is \"1\"                                              | false| 0.0  | /Spammy",
        "spamtest :comparator \"i;ascii-numeric\" :value \"eq\" \"10\"   | true | 15.0 | /Spammy",
        // as text "10" < "5": the default comparator i;ascii-casemap orders strings
        "spamtest :value \"ge\" \"5\"                                    | true | 15.0 | /INBOX",
        "spamtest :value \"lt\" :comparator \"i;ascii-numeric\" \"5\"    | false| 3.0  | /Spammy",
        "spamtest :matches \"1?\"                                        | true | 15.0 | /Spammy",
        "spamtest :contains \"7\"                                        | true | 9.0  | /Spammy",
        "spamtest :count \"eq\" :comparator \"i;ascii-numeric\" \"1\"    | true | 9.0  | /Spammy",
        "SPAMTEST :VALUE \"GE\" :COMPARATOR \"i;ascii-numeric\" \"6\"    | true | 7.0  | /Spammy",
    })
    void rulesCompareTheSpamLevel(String test, Boolean judged, double score, String folder) throws Exception {
        activeScripts.put("bob@a.test", "require [\"spamtest\",\"relational\",\"comparator-i;ascii-numeric\",\"fileinto\"];\r\n"
            + "if " + test + " { fileinto \"Spammy\"; }\r\n");
        FakeMail mail = mail(judged, score);

        mailet().service(mail);

        assertThat(folderOf(mail)).isEqualTo(folder);
        assertThat(context.getSentMails()).as("no error notification").isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "spamtest :value \"gq\" \"5\"                          | relation \"gq\" is not one of gt, ge, lt, le, eq, ne",
        "spamtest :value \"5\"                                 | relation \"5\" is not one of",
        "spamtest :percent :value \"ge\" \"5\"                 | unknown tag :percent",
        "spamtest :contains :comparator \"i;ascii-numeric\" \"5\" | :contains cannot be used with comparator i;ascii-numeric",
        "spamtest :is :value \"ge\" \"5\"                      | a second match type :value",
        "spamtest [\"4\", \"5\"]                               | the value must be one string",
        // jsieve checks comparators against require (RFC 5228 §2.7.3) before our test runs
        "spamtest :comparator \"i;unicode-casemap\" \"5\"      | Comparator must be explicitly declared in a require statement",
        "spamtest :is                                          | the value to compare with is missing",
        "relational                                            | an extension to require, not a test",
    })
    void aBadTestSendsTheOwnerAnErrorAndKeepsTheMail(String test, String message) throws Exception {
        activeScripts.put("bob@a.test", "require [\"spamtest\",\"relational\",\"comparator-i;ascii-numeric\",\"fileinto\"];\r\n"
            + "if " + test + " { fileinto \"Spammy\"; }\r\n");
        FakeMail mail = mail(true, 9.0);

        mailet().service(mail);

        assertThat(folderOf(mail)).as("not filed by the broken script").isEqualTo("(none)");
        assertThat(context.getSentMails()).singleElement().satisfies(sent -> {
            assertThat(sent.getRecipients()).extracting(MailAddress::asString).containsExactly("bob@a.test");
            assertThat(sent.getAttributes()).containsEntry(SieveExecutor.SIEVE_NOTIFICATION,
                new Attribute(SieveExecutor.SIEVE_NOTIFICATION, AttributeValue.of(true)));
            assertThat(text(sent.getMsg())).contains(message);
        });
    }

    @Test
    void aSieveErrorNotificationIsNotFilteredAgainAndUsersWithoutAScriptAreLeftAlone() throws Exception {
        activeScripts.put("bob@a.test", ISSUE_RULE);
        FakeMail notification = mail(true, 9.0);
        notification.setAttribute(new Attribute(SieveExecutor.SIEVE_NOTIFICATION, AttributeValue.of(true)));
        FakeMail forCarol = FakeMail.builder().name("c").recipient("carol@a.test")
            .mimeMessage(org.apache.james.core.builder.MimeMessageBuilder.mimeMessageBuilder().setText("hi")).build();
        SpamAttributes.setVerdict(forCarol, true, 9.0, "test");

        SieveWithSpamtest mailet = mailet();
        mailet.service(notification);
        mailet.service(forCarol);

        assertThat(folderOf(notification)).isEqualTo("(none)");
        assertThat(StorageDirective.fromMail(Username.of("carol@a.test"), forCarol).getTargetFolder()).isEmpty();
    }

    @Test
    void theThresholdsSpreadTheLevels() throws Exception {
        activeScripts.put("bob@a.test", "require [\"spamtest\",\"fileinto\"];\r\nif spamtest \"10\" { fileinto \"Spammy\"; }\r\n");
        FakeMail mail = mail(true, 9.0);

        mailet("tagThreshold", "3", "rejectThreshold", "9").service(mail);

        assertThat(folderOf(mail)).isEqualTo("/Spammy");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "tagThreshold    | abc  | bad value for tagThreshold='abc'",
        "rejectThreshold | NaN  | bad value for rejectThreshold='NaN'",
        "rejectThreshold | 4    | bad value for rejectThreshold='4.0': must not be below tagThreshold (5.0)",
        "tagThreshld     | 5    | tagThreshld",
    })
    void badParametersFailInit(String key, String value, String message) {
        assertThatThrownBy(() -> mailet(key, value)).hasMessageContaining(message);
    }

    private static final String GLOBAL_QUARANTINE = "require [\"spamtest\",\"relational\",\"comparator-i;ascii-numeric\",\"fileinto\"];\r\n"
        + "if spamtest :value \"ge\" :comparator \"i;ascii-numeric\" \"10\" { fileinto \"Quarantine\"; }\r\n";

    private FakeMail mailTo(String recipient, double score) throws Exception {
        FakeMail mail = FakeMail.builder().name("m-" + recipient).sender("mallory@evil.test").recipient(recipient)
            .mimeMessage(org.apache.james.core.builder.MimeMessageBuilder.mimeMessageBuilder()
                .setSubject("offer").setText("hello"))
            .build();
        SpamAttributes.setVerdict(mail, score >= 5.0, score, "test");
        return mail;
    }

    private static String folderOf(String recipient, Mail mail) {
        return StorageDirective.fromMail(Username.of(recipient), mail).getTargetFolder().orElse("(none)");
    }

    // globalScript: decides for bob (who has a rule of his own) and for carol (who has none) at level 10;
    // below it, it only keeps, and bob's own rule files level 5 into Spammy while carol's mail is left alone.
    @Test
    void theGlobalScriptDecidesFirstAndLeavesTheRestToTheUsersScript() throws Exception {
        Files.writeString(home.resolve("global.sieve"), GLOBAL_QUARANTINE);
        activeScripts.put("bob@a.test", ISSUE_RULE);
        SieveWithSpamtest mailet = mailet("globalScript", "global.sieve");

        FakeMail bobRejectLevel = mailTo("bob@a.test", 20.0);
        FakeMail carolRejectLevel = mailTo("carol@a.test", 20.0);
        FakeMail bobSpam = mailTo("bob@a.test", 6.0);
        FakeMail carolSpam = mailTo("carol@a.test", 6.0);
        for (FakeMail mail : new FakeMail[] {bobRejectLevel, carolRejectLevel, bobSpam, carolSpam}) {
            mailet.service(mail);
        }

        assertThat(folderOf("bob@a.test", bobRejectLevel)).as("global decided: bob's rule not run").isEqualTo("/Quarantine");
        assertThat(folderOf("carol@a.test", carolRejectLevel)).isEqualTo("/Quarantine");
        assertThat(folderOf("bob@a.test", bobSpam)).as("global kept: bob's own rule").isEqualTo("/Spammy");
        assertThat(folderOf("carol@a.test", carolSpam)).as("global kept, no script of her own").isEqualTo("(none)");
    }

    @Test
    void aGlobalScriptThatOnlyKeepsExplicitlyLeavesTheUsersScriptInCharge() throws Exception {
        Files.writeString(home.resolve("global.sieve"), "keep;\r\n");
        activeScripts.put("bob@a.test", ISSUE_RULE);
        FakeMail mail = mailTo("bob@a.test", 6.0);

        mailet("globalScript", "global.sieve").service(mail);

        assertThat(folderOf("bob@a.test", mail)).isEqualTo("/Spammy");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "missing.sieve | | bad value for globalScript='missing.sieve': cannot read",
        "global.sieve  | if true { fileinto \"Junk\" | bad value for globalScript='global.sieve': not a Sieve script we can run",
        "global.sieve  | require \"vacation-seconds\"; keep; | bad value for globalScript='global.sieve': not a Sieve script we can run",
    })
    void aGlobalScriptWeCannotRunStopsStartUp(String value, String script, String message) throws Exception {
        if (script != null) {
            Files.writeString(home.resolve("global.sieve"), script);
        }
        assertThatThrownBy(() -> mailet("globalScript", value)).hasMessageContaining(message);
    }

    private static final String GLOBAL_REDIRECT = "if header :contains \"Subject\" \"lottery\" { redirect \"abuse@a.test\"; }\r\n";

    private static FakeMail lottery(String... recipients) throws Exception {
        return FakeMail.builder().name("lottery").sender("mallory@evil.test").recipients(recipients)
            .mimeMessage(org.apache.james.core.builder.MimeMessageBuilder.mimeMessageBuilder()
                .setSubject("You won the lottery").setText("claim it"))
            .build();
    }

    // The redirected copy still says "lottery": run through the global script again it would be
    // redirected again, for ever (RedirectAction's loop check lives on the original mail only).
    @Test
    void mailTheGlobalScriptSentIsNotRunThroughItAgainButItsRecipientsScriptRuns() throws Exception {
        Files.writeString(home.resolve("global.sieve"), GLOBAL_REDIRECT);
        activeScripts.put("abuse@a.test", "require \"fileinto\";\r\nfileinto \"Review\";\r\n");
        SieveWithSpamtest mailet = mailet("globalScript", "global.sieve");
        FakeMail original = lottery("bob@a.test");

        mailet.service(original);
        FakeMailContext.SentMail sent = context.getSentMails().get(0);
        FakeMail copy = FakeMail.builder().name("copy").sender(sent.getSender()).recipients(new java.util.ArrayList<>(sent.getRecipients()))
            .mimeMessage(sent.getMsg()).attributes(sent.getAttributes().values()).build();
        mailet.service(copy);

        assertThat(original.getRecipients()).as("bob's copy redirected").isEmpty();
        assertThat(context.getSentMails()).as("redirected once, not again").hasSize(1);
        assertThat(copy.getRecipients()).extracting(MailAddress::asString).containsExactly("abuse@a.test");
        assertThat(folderOf("abuse@a.test", copy)).as("abuse's own script ran").isEqualTo("/Review");
    }

    // The global script runs once per recipient; its redirect is about the mail, not the recipient.
    @Test
    void aGlobalRedirectSendsOneCopyForAMailWithSeveralRecipients() throws Exception {
        Files.writeString(home.resolve("global.sieve"), GLOBAL_REDIRECT);
        FakeMail mail = lottery("bob@a.test", "carol@a.test", "dave@a.test");

        mailet("globalScript", "global.sieve").service(mail);

        assertThat(context.getSentMails()).singleElement().satisfies(sent ->
            assertThat(sent.getRecipients()).extracting(MailAddress::asString).containsExactly("abuse@a.test"));
        assertThat(mail.getRecipients()).as("every recipient's copy redirected").isEmpty();
    }

    // RFC 5228 §5.4: envelope "to" is this recipient, not the mail's first one.
    @Test
    void aGlobalEnvelopeTestSeesTheRecipientItRunsFor() throws Exception {
        Files.writeString(home.resolve("global.sieve"), "require [\"envelope\", \"fileinto\"];\r\n"
            + "if envelope :is \"to\" \"sales@a.test\" { fileinto \"Sales\"; }\r\n");
        FakeMail mail = lottery("sales@a.test", "bob@a.test");

        mailet("globalScript", "global.sieve").service(mail);

        assertThat(folderOf("sales@a.test", mail)).isEqualTo("/Sales");
        assertThat(folderOf("bob@a.test", mail)).as("bob is not sales").isEqualTo("(none)");
    }
}
