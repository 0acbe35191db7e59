package dev.postino.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.james.core.Username;
import org.apache.james.core.builder.MimeMessageBuilder;
import org.apache.james.core.quota.QuotaCountLimit;
import org.apache.james.core.quota.QuotaCountUsage;
import org.apache.james.core.quota.QuotaSizeLimit;
import org.apache.james.core.quota.QuotaSizeUsage;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.model.ComposedMessageId;
import org.apache.james.mailbox.model.MailboxId;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.model.MessageId;
import org.apache.james.mailbox.model.Quota;
import org.apache.james.mailbox.model.QuotaRoot;
import org.apache.james.mailbox.quota.QuotaManager;
import org.apache.james.mailbox.quota.UserQuotaRootResolver;
import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.apache.mailet.DsnParameters;
import org.apache.mailet.Mail;
import org.apache.mailet.MailetContext;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.postino.config.PostinoProperties;
import dev.postino.deliverability.HostIdentity;
import reactor.core.publisher.Mono;

// James's LocalDelivery over a mailbox store that takes bob's mail and fails carol's: who gets "delivered".
class DeliverAndNotifyTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path home;

    private final FakeMailContext context = FakeMailContext.defaultContext();
    private final List<String> stored = new ArrayList<>();

    private DeliverAndNotify mailet(String onMailetException) throws MessagingException {
        return mailet(onMailetException, context);
    }

    private DeliverAndNotify mailet(String onMailetException, MailetContext mailetContext) throws MessagingException {
        DeliverAndNotify mailet = new DeliverAndNotify(FakeUsers.byAddress(), mailboxes(), new RecordingMetricFactory(),
            new HostIdentity(home, PostinoProperties.load(home), "mx.a.test"), room(), CLOCK);
        FakeMailetConfig.Builder config = FakeMailetConfig.builder().mailetName("DeliverAndNotify")
            .mailetContext(mailetContext).setProperty("retries", "0");
        if (onMailetException != null) {
            config.setProperty("onMailetException", onMailetException);
        }
        mailet.init(config.build());
        return mailet;
    }

    /** Octets used and allowed per user; a user not listed has no limit. */
    private final Map<String, long[]> storage = new HashMap<>();

    private MailboxRoom room() {
        UserQuotaRootResolver roots = (UserQuotaRootResolver) Proxy.newProxyInstance(
            UserQuotaRootResolver.class.getClassLoader(), new Class<?>[] {UserQuotaRootResolver.class},
            (proxy, method, args) -> {
                if (method.getName().equals("forUser")) {
                    return QuotaRoot.quotaRoot("#private&" + ((Username) args[0]).asString(), Optional.empty());
                }
                throw new UnsupportedOperationException(method.getName());
            });
        QuotaManager quotas = (QuotaManager) Proxy.newProxyInstance(QuotaManager.class.getClassLoader(),
            new Class<?>[] {QuotaManager.class}, (proxy, method, args) -> {
                if (!method.getName().equals("getQuotas")) {
                    throw new UnsupportedOperationException(method.getName());
                }
                long[] usedAndLimit = storage.get(((QuotaRoot) args[0]).getValue().substring("#private&".length()));
                return new QuotaManager.Quotas(
                    Quota.<QuotaCountLimit, QuotaCountUsage>builder().used(QuotaCountUsage.count(3))
                        .computedLimit(QuotaCountLimit.unlimited()).build(),
                    Quota.<QuotaSizeLimit, QuotaSizeUsage>builder()
                        .used(QuotaSizeUsage.size(usedAndLimit == null ? 0 : usedAndLimit[0]))
                        .computedLimit(usedAndLimit == null ? QuotaSizeLimit.unlimited() : QuotaSizeLimit.size(usedAndLimit[1]))
                        .build());
            });
        return new MailboxRoom(FakeUsers.byAddress(), roots, quotas);
    }

    /** Stores for everyone but carol, whose mailbox cannot be opened. */
    private MailboxManager mailboxes() {
        return (MailboxManager) Proxy.newProxyInstance(MailboxManager.class.getClassLoader(),
            new Class<?>[] {MailboxManager.class}, (proxy, method, args) -> {
                switch (method.getName()) {
                    case "createSystemSession":
                        return new MailboxSession(MailboxSession.SessionId.of(1), (Username) args[0], Optional.empty(),
                            List.of(), '.', MailboxSession.SessionType.System);
                    case "startProcessingRequest":
                    case "endProcessingRequest":
                        return null;
                    case "getMailboxReactive":
                        MailboxPath path = (MailboxPath) args[0];
                        if (path.getUser().asString().startsWith("carol")) {
                            return Mono.error(new MailboxException("the store is broken"));
                        }
                        return Mono.just(inbox(path.getUser().asString()));
                    default:
                        throw new UnsupportedOperationException(method.getName());
                }
            });
    }

    private MessageManager inbox(String user) {
        MailboxId mailboxId = (MailboxId) Proxy.newProxyInstance(MailboxId.class.getClassLoader(),
            new Class<?>[] {MailboxId.class}, (proxy, method, args) -> method.getName().equals("serialize") ? user : null);
        MessageId messageId = (MessageId) Proxy.newProxyInstance(MessageId.class.getClassLoader(),
            new Class<?>[] {MessageId.class}, (proxy, method, args) -> method.getName().equals("serialize") ? "1" : null);
        return (MessageManager) Proxy.newProxyInstance(MessageManager.class.getClassLoader(),
            new Class<?>[] {MessageManager.class}, (proxy, method, args) -> {
                if (method.getName().equals("appendMessageReactive")) {
                    stored.add(user);
                    return Mono.just(new MessageManager.AppendResult(new ComposedMessageId(mailboxId, messageId,
                        MessageUid.of(1)), 10L, Optional.empty(), null));
                }
                throw new UnsupportedOperationException(method.getName());
            });
    }

    private static FakeMail mail(String... notifySuccessFor) throws Exception {
        FakeMail mail = FakeMail.builder().name("m1").sender("alice@a.test")
            .recipients("bob@a.test", "carol@a.test", "dave@a.test").size(5_000)
            .mimeMessage(MimeMessageBuilder.mimeMessageBuilder().setSubject("hello").setText("body").build())
            .build();
        if (notifySuccessFor.length > 0) {
            DsnParameters.Builder dsn = DsnParameters.builder();
            for (String rcpt : notifySuccessFor) {
                dsn.addRcptParameter(new MailAddress(rcpt),
                    DsnParameters.RecipientDsnParameters.of(EnumSet.of(DsnParameters.Notify.SUCCESS)));
            }
            mail.setDsnParameters(dsn.build().orElseThrow());
        }
        return mail;
    }

    private static String text(FakeMailContext.SentMail sent) throws Exception {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        sent.getMsg().writeTo(raw);
        return raw.toString(StandardCharsets.UTF_8);
    }

    @Test
    void onlyTheRecipientsStoredWhoAskedGetADeliveredNotice() throws Exception {
        Mail mail = mail("bob@a.test", "carol@a.test");

        mailet(null).service(mail);

        assertThat(stored).containsExactly("bob@a.test", "dave@a.test");
        List<FakeMailContext.SentMail> sent = context.getSentMails();
        assertThat(sent).as("carol's copy for the error processor, then the notice").hasSize(2);
        assertThat(sent.get(0).getState()).isEqualTo(Mail.ERROR);
        assertThat(sent.get(0).getRecipients()).containsExactly(new MailAddress("carol@a.test"));
        String dsn = text(sent.get(1));
        assertThat(sent.get(1).getRecipients()).containsExactly(new MailAddress("alice@a.test"));
        assertThat(dsn).contains("Final-Recipient: rfc822; bob@a.test").contains("Action: delivered")
            .contains("Status: 2.0.0").contains("Reporting-MTA: dns; mx.a.test")
            .as("carol's store failed").doesNotContain("carol@a.test>").doesNotContain("rfc822; carol@a.test")
            .as("dave did not ask").doesNotContain("dave@a.test");
        assertThat(mail.getState()).isEqualTo(Mail.GHOST);
    }

    @Test
    void mailWithoutNotifySuccessIsDeliveredAndNothingElse() throws Exception {
        mailet(null).service(mail());

        assertThat(stored).containsExactly("bob@a.test", "dave@a.test");
        assertThat(context.getSentMails()).hasSize(1).allSatisfy(m -> assertThat(m.getState()).isEqualTo(Mail.ERROR));
    }

    /**
     * The notice is sent after the mail is stored: if the spool refuses it, the mail must still end
     * as delivered. An exception from service would send the delivered mail to the error processor
     * (its repository, from which a reprocess delivers it again).
     */
    @Test
    void aNoticeThatCannotBeSentLeavesTheDeliveredMailDelivered() throws Exception {
        MailetContext refusingNotices = (MailetContext) Proxy.newProxyInstance(MailetContext.class.getClassLoader(),
            new Class<?>[] {MailetContext.class}, (proxy, method, args) -> {
                if (method.getName().equals("sendMail") && ((Mail) args[0]).getName().startsWith("postino-dsn-")) {
                    throw new MessagingException("the spool is full");
                }
                try {
                    return method.invoke(context, args);
                } catch (java.lang.reflect.InvocationTargetException e) {
                    throw e.getCause();
                }
            });
        Mail mail = mail("bob@a.test");

        mailet(null, refusingNotices).service(mail);

        assertThat(stored).containsExactly("bob@a.test", "dave@a.test");
        assertThat(mail.getState()).isEqualTo(Mail.GHOST);
    }

    @Test
    void aFullMailboxGetsTheSenderAFailureNoticeAtOnceAndTheOthersTheirMail() throws Exception {
        storage.put("bob@a.test", new long[] {999_990, 1_000_000});
        storage.put("dave@a.test", new long[] {10, 1_000_000});
        Mail mail = mail();

        mailet(null).service(mail);

        assertThat(stored).as("bob's store never tried").containsExactly("dave@a.test");
        List<FakeMailContext.SentMail> sent = context.getSentMails();
        assertThat(sent).as("the notice for bob, then carol's copy for the error processor").hasSize(2);
        assertThat(sent.get(0).getRecipients()).containsExactly(new MailAddress("alice@a.test"));
        assertThat(text(sent.get(0))).contains("Final-Recipient: rfc822; bob@a.test").contains("Action: failed")
            .contains("Status: 5.2.2").contains("mailbox full: 999990 of 1000000 octets used")
            .doesNotContain("rfc822; dave@a.test").doesNotContain("rfc822; carol@a.test");
        assertThat(sent.get(1).getState()).isEqualTo(Mail.ERROR);
        assertThat(sent.get(1).getRecipients()).containsExactly(new MailAddress("carol@a.test"));
        assertThat(mail.getState()).isEqualTo(Mail.GHOST);
    }

    @Test
    void aFullMailboxWhoseSenderMayNotBeToldIsKeptInTheErrorProcessor() throws Exception {
        storage.put("bob@a.test", new long[] {1_000_000, 1_000_000});
        FakeMail mail = FakeMail.builder().name("m2").sender("alice@a.test").recipients("bob@a.test", "dave@a.test").size(5_000)
            .mimeMessage(MimeMessageBuilder.mimeMessageBuilder().setSubject("hello").setText("body").build()).build();
        mail.setDsnParameters(DsnParameters.builder().addRcptParameter(new MailAddress("bob@a.test"),
            DsnParameters.RecipientDsnParameters.of(EnumSet.of(DsnParameters.Notify.NEVER))).build().orElseThrow());

        mailet(null).service(mail);

        assertThat(stored).containsExactly("dave@a.test");
        assertThat(context.getSentMails()).singleElement().satisfies(copy -> {
            assertThat(copy.getState()).isEqualTo(Mail.ERROR);
            assertThat(copy.getRecipients()).containsExactly(new MailAddress("bob@a.test"));
        });
    }

    @Test
    void onMailetExceptionIgnoreIsRefusedAtInit() {
        assertThatThrownBy(() -> mailet("ignore")).isInstanceOf(MessagingException.class)
            .hasMessageContaining("onMailetException=ignore");
    }
}
