package dev.postino.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Random;

import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.james.mailrepository.memory.MemoryMailRepository;
import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.apache.james.queue.api.MailQueue;
import org.apache.james.queue.api.MailQueueName;
import org.apache.mailet.DsnParameters;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.james.core.builder.MimeMessageBuilder;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;

import dev.postino.core.delivery.DeliveryOutcome;
import dev.postino.core.delivery.OutcomeClassifier;
import dev.postino.core.delivery.SmtpPhase;
import dev.postino.core.retry.DeliveryHistory;
import dev.postino.core.retry.RecipientRecord;
import dev.postino.core.retry.RetryPolicy;
import dev.postino.core.retry.RetryPolicyConfig;
import dev.postino.core.retry.RetrySchedule;
import dev.postino.core.route.AddressLookup;
import dev.postino.core.route.AddressSelection;
import dev.postino.core.route.DeliveryTarget;
import dev.postino.core.route.MxLookup;
import dev.postino.core.route.MxRecord;
import dev.postino.core.route.MxSelection;
import dev.postino.core.route.ReceivedLoopPolicy;
import dev.postino.core.route.RouteTable;
import dev.postino.core.route.TlsPolicy;
import dev.postino.core.smtp.SmtpReply;
import dev.postino.mailets.PostinoAttributes;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

// The worker's decisions after trouble of our own, over an engine whose only seam is a scripted courier.
class DeliveryWorkerTest {
    private static final Duration MAX_AGE = Duration.ofDays(5);

    private final CourierFixture.ManualClock clock = new CourierFixture.ManualClock();
    private final RecordingQueue queue = new RecordingQueue();
    private final MemoryMailRepository failed = new MemoryMailRepository();
    private final RefusingRepository deferred = new RefusingRepository();
    private final MemoryMailRepository doubleBounce = new MemoryMailRepository();
    private final FakeMailContext context = FakeMailContext.defaultContext();
    private final Map<String, String> rcptReplies = new LinkedHashMap<>();
    private final List<List<String>> envelopes = new ArrayList<>();
    /** MX hosts that advertise DSN (RFC 3461), so they were handed NOTIFY. */
    private final java.util.Set<String> dsnHosts = new java.util.HashSet<>();

    private DeliveryWorker worker() {
        MxResolver resolver = new MxResolver() {
            @Override
            public MxLookup lookupMx(String domain) {
                return MxLookup.records(List.of(MxRecord.of(10, "mx." + domain)));
            }

            @Override
            public AddressLookup lookupAddresses(String host) {
                return AddressLookup.addresses(List.of(host.equals("mx.b.test") ? "192.0.2.1" : "192.0.2.2"));
            }
        };
        DeliveryEngine engine = new DeliveryEngine(RouteTable.parse(List.of()), domain -> domain.equals("a.test"), resolver,
            new ScriptedCourier(), MxSelection.withDefaults(java.util.Set.of("mx.a.test")), AddressSelection.withDefaults(),
            new DestinationGuard(20, Duration.ofMinutes(1), clock), name -> java.util.Optional.empty(),
            new DeliveryEngine.Settings("mx.a.test", TlsPolicy.OPPORTUNISTIC, SessionSettings.Timeouts.all(Duration.ofSeconds(5)),
                25, Duration.ofSeconds(1)),
            new Random(1));
        RetryPolicyConfig config = RetryPolicyConfig.of(RetrySchedule.defaults().withJitter(0), Duration.ofHours(4),
            MAX_AGE, OptionalInt.empty());
        return new DeliveryWorker(queue, engine, new RetryPolicy(config, new Random(1)), MAX_AGE, new ReceivedLoopPolicy(100),
            new DsnSender(context, "mx.a.test", clock), failed, deferred, doubleBounce, clock, 1,
            new DeliveryMetrics(new RecordingMetricFactory()), new ActionHandshake());
    }

    private static Mail mail(MimeMessage message, String... recipients) throws Exception {
        FakeMail.Builder builder = FakeMail.builder().name("m1").sender("alice@a.test").mimeMessage(message);
        for (String recipient : recipients) {
            builder.recipient(recipient);
        }
        return builder.build();
    }

    private static MimeMessage readable() throws Exception {
        return MimeMessageBuilder.mimeMessageBuilder().setSubject("hello").setText("body").build();
    }

    /** A message whose headers cannot be read: a broken store, a bug of ours. */
    private static MimeMessage unreadable() {
        return new MimeMessage(Session.getInstance(new java.util.Properties())) {
            @Override
            public String[] getHeader(String name) throws MessagingException {
                throw new MessagingException("the message store is broken");
            }
        };
    }

    private static String text(Mail dsn) throws Exception {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        dsn.getMessage().writeTo(raw);
        return raw.toString(StandardCharsets.UTF_8);
    }

    @Test
    void ourOwnErrorBeforeDeliveryIsATemporaryFailureOnTheMailsSchedule() throws Exception {
        DeliveryWorker worker = worker();
        Mail mail = mail(unreadable(), "bob@b.test");

        assertThat(worker.attemptNow(mail)).isTrue();

        assertThat(queue.enqueued).hasSize(1);
        DeliveryHistory history = PostinoAttributes.history(queue.enqueued.get(0)).orElseThrow();
        assertThat(history.attempts()).isEqualTo(1);
        assertThat(history.nextAttempt()).isPresent();
        assertThat(history.recipient("bob@b.test").flatMap(RecipientRecord::last).orElseThrow().status().toString())
            .isEqualTo("4.0.0");
        assertThat(envelopes).as("nothing was sent").isEmpty();
    }

    @Test
    void aMailHandedBackEarlyAfterOurOwnErrorIsParkedUntilDue() throws Exception {
        DeliveryWorker worker = worker();
        worker.attemptNow(mail(unreadable(), "bob@b.test"));
        Mail again = queue.enqueued.get(0);

        worker.attempt(again);

        assertThat(deferred.size()).as("a queue that ignores delays (RabbitMQ) must not make it spin").isEqualTo(1);
        assertThat(queue.enqueued).hasSize(1);
    }

    @Test
    void ourOwnErrorThatLastsPastTheGiveUpAgeBouncesWithADsn() throws Exception {
        DeliveryWorker worker = worker();
        worker.attemptNow(mail(unreadable(), "bob@b.test"));
        Mail queued = queue.enqueued.get(0);
        clock.advance(MAX_AGE.plusSeconds(60));

        worker.attempt(queued);

        assertThat(failed.size()).as("kept for the admin").isEqualTo(1);
        assertThat(context.getSentMails()).hasSize(1);
        String dsn = text(toMail(context.getSentMails().get(0)));
        assertThat(dsn).contains("Action: failed").contains("Status: 4.4.7").contains("local error while delivering");
        assertThat(queue.enqueued).as("not queued again").hasSize(1);
    }

    @Test
    void whenTheQueueRefusesTheRetryCopyTheMailIsParkedForItsRemainingRecipientsOnly() throws Exception {
        rcptReplies.put("carol@c.test", "451 4.3.0 try later");
        queue.refuse = true;
        DeliveryWorker worker = worker();
        Mail mail = mail(readable(), "bob@b.test", "carol@c.test");

        worker.attempt(mail);

        assertThat(envelopes).containsExactly(List.of("bob@b.test"), List.of("carol@c.test"));
        assertThat(deferred.size()).isEqualTo(1);
        Mail parked = deferred.retrieve(deferred.list().next());
        assertThat(parked.getRecipients()).as("bob has it: never sent to him twice")
            .containsExactly(new MailAddress("carol@c.test"));
        DeliveryHistory history = PostinoAttributes.history(parked).orElseThrow();
        assertThat(history.recipient("bob@b.test").orElseThrow().state()).isEqualTo(RecipientRecord.State.DELIVERED);
        assertThat(history.nextAttempt()).isPresent();
    }

    @Test
    void whenTheQueueRefusesTheRetryCopyAfterABounceNoSecondBounceIsSent() throws Exception {
        rcptReplies.put("bob@b.test", "550 5.1.1 no such user");
        rcptReplies.put("carol@c.test", "451 4.3.0 try later");
        queue.refuse = true;
        DeliveryWorker worker = worker();
        Mail mail = mail(readable(), "bob@b.test", "carol@c.test");
        worker.attempt(mail);
        assertThat(context.getSentMails()).hasSize(1);
        queue.refuse = false;
        Mail parked = deferred.retrieve(deferred.list().next());
        clock.advance(Duration.between(clock.instant(), PostinoAttributes.history(parked).orElseThrow().nextAttempt().orElseThrow()));
        rcptReplies.put("carol@c.test", "250 2.1.5 ok");

        worker.attempt(parked);

        assertThat(envelopes.get(envelopes.size() - 1)).containsExactly("carol@c.test");
        assertThat(context.getSentMails()).as("bob's bounce was sent once").hasSize(1);
    }

    private static Mail askingForSuccess(String... recipients) throws Exception {
        Mail mail = mail(readable(), recipients);
        DsnParameters.Builder dsn = DsnParameters.builder();
        for (String recipient : recipients) {
            dsn.addRcptParameter(new MailAddress(recipient),
                DsnParameters.RecipientDsnParameters.of(EnumSet.of(DsnParameters.Notify.SUCCESS)));
        }
        mail.setDsnParameters(dsn.build().orElseThrow());
        return mail;
    }

    @Test
    void oneRelayedNoticePerAttemptForTheRecipientsWhoseServerCannotReport() throws Exception {
        dsnHosts.add("mx.d.test");
        rcptReplies.put("bob@b.test", "250 2.0.0 Ok: queued as B1");
        rcptReplies.put("carol@c.test", "250 2.0.0 Ok: queued as C1");
        rcptReplies.put("erin@e.test", "451 4.3.0 try later");
        DeliveryWorker worker = worker();

        worker.attempt(askingForSuccess("bob@b.test", "carol@c.test", "dave@d.test", "erin@e.test"));

        assertThat(context.getSentMails()).as("one notice for bob and carol").hasSize(1);
        String dsn = text(toMail(context.getSentMails().get(0)));
        assertThat(dsn).contains("Final-Recipient: rfc822; bob@b.test").contains("Final-Recipient: rfc822; carol@c.test")
            .contains("Diagnostic-Code: smtp; 250 2.0.0 Ok: queued as B1").contains("Remote-MTA: dns; mx.c.test")
            .contains("Action: relayed").doesNotContain("Action: delivered")
            .as("dave's MX took NOTIFY and reports itself").doesNotContain("dave@d.test")
            .as("erin is not delivered yet").doesNotContain("erin@e.test");
    }

    @Test
    void noRelayedNoticeWithoutNotifySuccess() throws Exception {
        DeliveryWorker worker = worker();

        worker.attempt(mail(readable(), "bob@b.test"));

        assertThat(envelopes).containsExactly(List.of("bob@b.test"));
        assertThat(context.getSentMails()).isEmpty();
    }

    @Test
    void whenNeitherTheQueueNorTheRepositoryKeepsAnAttemptsOutcomeTheHandedBackMailIsNotSentAgainToThoseItReached()
        throws Exception {
        rcptReplies.put("carol@c.test", "451 4.3.0 try later");
        queue.refuse = true;
        deferred.refuse = true; // a full disk: the broker and the database both refuse
        DeliveryWorker worker = worker();
        Mail mail = mail(readable(), "bob@b.test", "carol@c.test");
        Mail asQueued = mail.duplicate();
        asQueued.setName(mail.getName());

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> worker.attempt(mail)).hasMessageContaining("no space left");
        assertThat(envelopes).containsExactly(List.of("bob@b.test"), List.of("carol@c.test"));

        // The queue hands the mail back as it was before the attempt; the disk has room again.
        queue.refuse = false;
        deferred.refuse = false;
        worker.attempt(asQueued);

        assertThat(envelopes).as("bob is not sent the mail a second time").hasSize(2);
        Mail parked = deferred.retrieve(deferred.list().next());
        assertThat(parked.getRecipients()).containsExactly(new MailAddress("carol@c.test"));
        assertThat(PostinoAttributes.history(parked).orElseThrow().recipient("bob@b.test").orElseThrow().state())
            .isEqualTo(RecipientRecord.State.DELIVERED);
    }

    private static Mail toMail(FakeMailContext.SentMail sent) throws Exception {
        return FakeMail.builder().name("dsn").mimeMessage(sent.getMsg()).build();
    }

    /** Accepts every connection; one RCPT reply per recipient (default 250). */
    private final class ScriptedCourier implements SmtpCourier {
        private final OutcomeClassifier classifier = new OutcomeClassifier();

        @Override
        public CourierResult deliver(DeliveryTarget target, int port, SessionSettings settings, Envelope envelope,
                                     MessageSource message) {
            List<String> rcpts = new ArrayList<>();
            envelope.recipients().forEach(r -> rcpts.add(r.address()));
            envelopes.add(rcpts);
            Map<String, DeliveryOutcome> outcomes = new LinkedHashMap<>();
            for (String rcpt : rcpts) {
                String script = rcptReplies.getOrDefault(rcpt, "250 2.1.5 ok");
                DeliveryOutcome outcome = classifier.classify(script.startsWith("2") ? SmtpPhase.END_OF_DATA
                    : SmtpPhase.RCPT, SmtpReply.parse(script)).withRemote(target.host(), target.ip());
                outcomes.put(rcpt, dsnHosts.contains(target.host()) ? outcome.withDsnPassedOn() : outcome);
            }
            return new CourierResult(outcomes, false);
        }

        @Override
        public void close() {
        }
    }

    /** Keeps what is enqueued (copies, as a real queue does); refuses on demand. */
    private static final class RecordingQueue implements MailQueue {
        final List<Mail> enqueued = new ArrayList<>();
        boolean refuse;

        @Override
        public MailQueueName getName() {
            return MailQueueName.of("test-outgoing");
        }

        @Override
        public void enQueue(Mail mail, Duration delay) throws MailQueueException {
            enQueue(mail);
        }

        @Override
        public void enQueue(Mail mail) throws MailQueueException {
            if (refuse) {
                throw new MailQueueException("the queue is down");
            }
            try {
                Mail copy = mail.duplicate();
                copy.setName(mail.getName());
                enqueued.add(copy);
            } catch (MessagingException e) {
                throw new MailQueueException("cannot copy", e);
            }
        }

        @Override
        public Publisher<Void> enqueueReactive(Mail mail) {
            return Mono.fromRunnable(() -> {
                try {
                    enQueue(mail);
                } catch (MailQueueException e) {
                    throw new IllegalStateException(e);
                }
            });
        }

        @Override
        public Publisher<MailQueueItem> deQueue() {
            return Flux.never();
        }

        @Override
        public void close() {
        }
    }

    /** A memory repository that refuses to store on demand, as one on a full disk. */
    private static final class RefusingRepository extends MemoryMailRepository {
        boolean refuse;

        @Override
        public org.apache.james.mailrepository.api.MailKey store(Mail mail) {
            if (refuse) {
                throw new IllegalStateException("no space left on device");
            }
            return super.store(mail);
        }
    }
}
