package dev.postino.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.core.Username;
import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.smtp.SMTPResponse;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.junit.jupiter.api.Test;

import dev.postino.core.limits.InMemorySendCounterStore;
import dev.postino.core.limits.LimitKind;
import dev.postino.core.limits.LimitResolver;
import dev.postino.core.limits.LimitSet;
import dev.postino.core.limits.LimitTable;
import dev.postino.core.limits.SendingLimiter;
import dev.postino.core.limits.Window;

class SendingLimitHooksTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);
    private static final LimitTable LIMITS = LimitTable.empty().withDefaults(LimitSet.empty()
        .with(LimitKind.MESSAGES_PER_HOUR, 2).with(LimitKind.RECIPIENTS_PER_MESSAGE, 2));

    private final SendingLimiter limiter = new SendingLimiter(CLOCK, new InMemorySendCounterStore(),
        user -> LimitResolver.resolve(user, LIMITS, LimitTable.empty()));
    private final RecordingMetricFactory metrics = new RecordingMetricFactory();
    private final RefuseOverSendingLimit hook = new RefuseOverSendingLimit(limiter, metrics);
    private final SettleSendingLimit settle = new SettleSendingLimit(limiter);

    @Test
    void aSecondMessageAnHourIsAllowedAndTheThirdRefusedAtMail() throws Exception {
        Session alice = new Session("alice@a.test");
        assertThat(send(alice, 1, "250")).isEqualTo("250");
        assertThat(send(alice, 1, "250")).isEqualTo("250");

        HookResult third = hook.doMail(alice.proxy, MaybeSender.getMailSender("alice@a.test"));
        assertThat(third.getResult()).isEqualTo(HookReturnCode.deny());
        assertThat(third.getSmtpRetCode()).isEqualTo("451");
        assertThat(third.getSmtpDescription()).startsWith("4.7.1 ");
        assertThat(metrics.countFor("postino_sending_limit_mail_refused")).isEqualTo(1);
    }

    @Test
    void aMessageNotAcceptedAtTheEndOfDataCostsNothing() throws Exception {
        Session alice = new Session("alice@a.test");
        assertThat(send(alice, 1, "552")).isEqualTo("552");
        assertThat(send(alice, 1, "451")).isEqualTo("451");
        assertThat(limiter.usage("alice@a.test").window(Window.HOUR).messages()).isZero();
        assertThat(alice.attachments).isEmpty();
    }

    @Test
    void theThirdRecipientIsRefusedWith452AndTheOthersStay() throws Exception {
        Session alice = new Session("alice@a.test");
        MaybeSender from = MaybeSender.getMailSender("alice@a.test");
        alice.accept(hook.doRcpt(alice.proxy, from, new MailAddress("b1@b.test")), "b1@b.test");
        alice.accept(hook.doRcpt(alice.proxy, from, new MailAddress("b2@b.test")), "b2@b.test");
        HookResult third = hook.doRcpt(alice.proxy, from, new MailAddress("b3@b.test"));

        assertThat(third.getSmtpRetCode()).isEqualTo("452");
        assertThat(third.getSmtpDescription()).startsWith("4.5.3 ");
        assertThat(metrics.countFor("postino_sending_limit_rcpt_refused")).isEqualTo(1);
    }

    @Test
    void sessionsWithoutAuthAreNeverLimited() throws Exception {
        Session outsider = new Session(null);
        for (int i = 0; i < 5; i++) {
            assertThat(hook.doMail(outsider.proxy, MaybeSender.getMailSender("x@outside.test"))).isEqualTo(HookResult.DECLINED);
            assertThat(hook.doRcpt(outsider.proxy, MaybeSender.getMailSender("x@outside.test"), new MailAddress("a@a.test")))
                .isEqualTo(HookResult.DECLINED);
        }
        assertThat(metrics.countFor("postino_sending_limit_mail_refused")).isZero();
    }

    /** MAIL, n recipients, end of DATA answered {@code finalCode}; returns what the client was told. */
    private String send(Session session, int recipients, String finalCode) throws Exception {
        assertThat(hook.doMail(session.proxy, MaybeSender.getMailSender(session.user))).isEqualTo(HookResult.DECLINED);
        List<MailAddress> to = new ArrayList<>();
        for (int i = 0; i < recipients; i++) {
            to.add(new MailAddress("r" + i + "@b.test"));
        }
        Response answer = settle.onLine(session.proxy, ".\r\n".getBytes(), (s, line) -> {
            HookResult result = hook.onMessage(s, FakeSmtp.envelope(100, session.user, to));
            return result.equals(HookResult.DECLINED) ? new SMTPResponse(finalCode, "done") : new SMTPResponse(result.getSmtpRetCode(), "no");
        });
        return answer.getRetCode();
    }

    /** An SMTP session: the login (null: none) and James's attachments. */
    private static final class Session {
        final String user;
        final Map<ProtocolSession.AttachmentKey<?>, Object> attachments = new HashMap<>();
        final List<MailAddress> accepted = new ArrayList<>();
        final SMTPSession proxy;

        Session(String user) {
            this.user = user;
            this.proxy = (SMTPSession) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {SMTPSession.class},
                (p, method, args) -> {
                    switch (method.getName()) {
                        case "getUsername":
                            return user == null ? null : Username.of(user);
                        case "getAttachment":
                            return args[0].equals(SMTPSession.RCPT_LIST) ? Optional.of(List.copyOf(accepted))
                                : Optional.ofNullable(attachments.get(args[0]));
                        case "setAttachment":
                            return Optional.ofNullable(attachments.put((ProtocolSession.AttachmentKey<?>) args[0], args[1]));
                        case "removeAttachment":
                            return Optional.ofNullable(attachments.remove(args[0]));
                        case "getSessionID":
                            return "session-1";
                        case "getRemoteAddress":
                            return new InetSocketAddress("192.0.2.1", 40000);
                        default:
                            throw new UnsupportedOperationException(method.getName());
                    }
                });
        }

        void accept(HookResult result, String rcpt) throws Exception {
            assertThat(result).isEqualTo(HookResult.DECLINED);
            accepted.add(new MailAddress(rcpt));
        }
    }
}
