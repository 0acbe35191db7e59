package dev.postino.server.durable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import javax.mail.Session;
import javax.mail.internet.MimeMessage;
import org.apache.activemq.ActiveMQConnectionFactory;
import org.apache.activemq.ActiveMQPrefetchPolicy;
import org.apache.activemq.broker.BrokerService;
import org.apache.activemq.broker.region.Destination;
import org.apache.activemq.command.ActiveMQQueue;
import org.apache.james.core.MailAddress;
import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.apache.james.queue.api.MailQueue.MailQueueItem;
import org.apache.james.queue.api.MailQueue.MailQueueItem.CompletionStatus;
import org.apache.james.queue.api.MailQueueName;
import org.apache.james.queue.api.RawMailQueueItemDecoratorFactory;
import org.apache.james.server.core.MailImpl;
import org.apache.mailet.Mail;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

// mails on an in-VM ActiveMQ queue → ReceiveLoops → items: each once, kept until done, redelivered on RETRY,
// kept in the error repository after 5 rollbacks (never ActiveMQ.DLQ), given again after close + restart
class ReceiveLoopsTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String LOOP_THREADS = "postino-receive-spool-";

    private BrokerService broker;
    private ActiveMQConnectionFactory connections;
    private LaneMailQueue queue;
    private LaneMailQueue restarted;
    private final List<Disposable> subscriptions = new CopyOnWriteArrayList<>();
    private final List<ReceiveLoops> allLoops = new CopyOnWriteArrayList<>();
    private final ErrorRepositoryDouble errors = new ErrorRepositoryDouble();

    @BeforeEach
    void startBroker() throws Exception {
        broker = new BrokerService();
        broker.setBrokerName("receive-loops-test");
        broker.setPersistent(false);
        broker.setUseJmx(false);
        broker.start();
        connections = jamesConnectionFactory();
        ActiveMqQueueModule.redeliverWithoutLimit(connections); // as the durable server
        queue = new LaneMailQueue(connections, new RawMailQueueItemDecoratorFactory(),
            MailQueueName.of("spool"), false, new RecordingMetricFactory());
    }

    @AfterEach
    void stopBroker() throws Exception {
        subscriptions.forEach(Disposable::dispose);
        allLoops.forEach(ReceiveLoops::close);
        queue.dispose();
        if (restarted != null) {
            restarted.dispose();
        }
        broker.stop();
    }

    @Test
    void everyMailIsReceivedOnceAndLeavesTheQueueWhenDone() throws Exception {
        for (int i = 0; i < 30; i++) {
            queue.enQueue(mail("m" + i));
        }
        List<String> received = new CopyOnWriteArrayList<>();

        subscribe(loops(queue, 4).items(), item -> {
            received.add(item.getMail().getName());
            item.done(CompletionStatus.SUCCESS);
        });

        await().atMost(WAIT).until(() -> received.size() == 30);
        assertThat(received).doesNotHaveDuplicates();
        await().atMost(WAIT).until(() -> queue.getSize() == 0);
    }

    @Test
    void atMostOneMailPerLoopIsOutUntilItIsDone() throws Exception {
        for (int i = 0; i < 5; i++) {
            queue.enQueue(mail("m" + i));
        }
        List<MailQueueItem> out = new CopyOnWriteArrayList<>();

        subscribe(loops(queue, 2).items(), out::add);

        await().atMost(WAIT).until(() -> out.size() == 2);
        await().during(Duration.ofMillis(1500)).atMost(WAIT).until(() -> out.size() == 2);
        out.get(0).done(CompletionStatus.SUCCESS);
        await().atMost(WAIT).until(() -> out.size() == 3);
    }

    @Test
    void aMailNotDoneWhenTheServerDiesIsGivenAgainAfterARestart() throws Exception {
        queue.enQueue(mail("kept"));
        List<MailQueueItem> first = new CopyOnWriteArrayList<>();
        Disposable loops = subscribe(loops(queue, 1).items(), first::add);
        await().atMost(WAIT).until(() -> first.size() == 1);

        // The server dies before the mail is processed: its loops stop, its broker connections go.
        loops.dispose();
        allLoops.forEach(ReceiveLoops::close);
        queue.dispose();

        restarted = new LaneMailQueue(connections, new RawMailQueueItemDecoratorFactory(),
            MailQueueName.of("spool"), false, new RecordingMetricFactory());
        List<String> again = new CopyOnWriteArrayList<>();
        subscribe(loops(restarted, 1).items(), item -> {
            again.add(item.getMail().getName());
            item.done(CompletionStatus.SUCCESS);
        });
        await().atMost(WAIT).until(() -> again.contains("kept"));
        await().atMost(WAIT).until(() -> restarted.getSize() == 0);
    }

    @Test
    void closeEndsTheLoopThreadsAndClosesTheirConsumersAndAMailNotDoneComesBackAfterARestart() throws Exception {
        queue.enQueue(mail("unfinished"));
        List<MailQueueItem> out = new CopyOnWriteArrayList<>();
        ReceiveLoops loops = loops(queue, 3);
        subscribe(loops.items(), out::add);
        await().atMost(WAIT).until(() -> out.size() == 1);
        assertThat(loopThreads()).hasSize(3);
        assertThat(spool().getConsumers()).hasSize(3);
        int clientsWithLoops = broker.getBroker().getClients().length;

        loops.close(); // James stops: the spool thread never finished the mail

        assertThat(loopThreads()).isEmpty();
        assertThat(spool().getConsumers()).isEmpty();
        assertThat(broker.getBroker().getClients()).hasSize(clientsWithLoops - 1); // the lane's connection only
        assertThat(queue.getSize()).isEqualTo(1);

        List<String> afterRestart = new CopyOnWriteArrayList<>();
        subscribe(loops(queue, 1).items(), item -> {
            afterRestart.add(item.getMail().getName());
            item.done(CompletionStatus.SUCCESS);
        });
        await().atMost(WAIT).until(() -> afterRestart.contains("unfinished"));
        await().atMost(WAIT).until(() -> queue.getSize() == 0);
    }

    @Test
    void aMailRolledBackFiveTimesIsKeptInTheErrorRepositoryNotInTheDeadLetterQueue() throws Exception {
        queue.enQueue(mail("poison"));
        List<String> processed = new CopyOnWriteArrayList<>();

        subscribe(loops(queue, 1).items(), item -> {
            processed.add(item.getMail().getName());
            item.done(CompletionStatus.RETRY); // processing fails every time
        });

        await().atMost(WAIT).until(() -> errors.names().contains("poison"));
        assertThat(processed).hasSize(ReceiveLoops.MAX_REDELIVERIES);
        await().atMost(WAIT).until(() -> queue.getSize() == 0);
        assertThat(deadLetters()).isZero();
        await().during(Duration.ofMillis(1500)).atMost(WAIT).until(() -> processed.size() == ReceiveLoops.MAX_REDELIVERIES);
    }

    @Test
    void aMailThatCannotBeKeptYetStaysQueuedPastActiveMqsLimitAndIsKeptOnceTheRepositoryWorks() throws Exception {
        queue.enQueue(mail("poison"));
        errors.failing = true;
        List<String> processed = new CopyOnWriteArrayList<>();
        subscribe(loops(queue, 1).items(), item -> {
            processed.add(item.getMail().getName());
            item.done(CompletionStatus.RETRY);
        });

        // ActiveMQ's default policy moves a message to ActiveMQ.DLQ at its 7th rollback.
        await().atMost(WAIT).until(() -> errors.attempts >= 3);
        assertThat(processed).hasSize(ReceiveLoops.MAX_REDELIVERIES);
        assertThat(deadLetters()).isZero();
        assertThat(queue.getSize()).isEqualTo(1);

        errors.failing = false;
        await().atMost(WAIT).until(() -> errors.names().contains("poison"));
        await().atMost(WAIT).until(() -> queue.getSize() == 0);
        assertThat(deadLetters()).isZero();
    }

    @Test
    void aMessageThatIsNotAMailIsSetAsideAfterFiveTriesInsteadOfRetriedForEver() throws Exception {
        javax.jms.Connection raw = connections.createConnection();
        try {
            javax.jms.Session session = raw.createSession(false, javax.jms.Session.AUTO_ACKNOWLEDGE);
            javax.jms.TextMessage garbage = session.createTextMessage("not a mail");
            garbage.setLongProperty("JAMES_NEXT_DELIVERY", 0L);
            session.createProducer(session.createQueue("spool")).send(garbage);
        } finally {
            raw.close();
        }
        List<String> processed = new CopyOnWriteArrayList<>();
        subscribe(loops(queue, 1).items(), item -> processed.add(item.getMail().getName()));

        await().atMost(WAIT).until(() -> deadLetters() == 1);
        await().atMost(WAIT).until(() -> queue.getSize() == 0);
        assertThat(processed).isEmpty();
        assertThat(errors.attempts).isZero();
    }

    @Test
    void jamesDefaultRedeliveryPolicyMovesAMailRolledBackSevenTimesToTheDeadLetterQueue() throws Exception {
        // What the durable server does without ActiveMqQueueModule.redeliverWithoutLimit.
        ActiveMQConnectionFactory jamesDefaults = jamesConnectionFactory();
        queue.enQueue(mail("poison"));
        errors.failing = true;
        ReceiveLoops loops = new ReceiveLoops(queue, jamesDefaults, 1, errors);
        allLoops.add(loops);
        subscribe(loops.items(), item -> item.done(CompletionStatus.RETRY));

        await().atMost(WAIT).until(() -> deadLetters() == 1);
        assertThat(queue.getSize()).isZero();
    }

    @Test
    void retryGivesTheMailBackToTheQueue() throws Exception {
        queue.enQueue(mail("again"));
        List<String> deliveries = new CopyOnWriteArrayList<>();

        subscribe(loops(queue, 1).items(), item -> {
            deliveries.add(item.getMail().getName());
            item.done(deliveries.size() == 1 ? CompletionStatus.RETRY : CompletionStatus.SUCCESS);
        });

        await().atMost(WAIT).until(() -> deliveries.size() == 2);
        assertThat(deliveries).containsExactly("again", "again");
        await().atMost(WAIT).until(() -> queue.getSize() == 0);
    }

    @Test
    void aDelayedMailWaitsForItsTimeWithinTheSelectorWindow() throws Exception {
        Map<String, Long> receivedAt = new ConcurrentHashMap<>();
        subscribe(loops(queue, 1).items(), item -> {
            receivedAt.put(item.getMail().getName(), System.currentTimeMillis());
            item.done(CompletionStatus.SUCCESS);
        });

        long enqueued = System.currentTimeMillis();
        queue.enQueue(mail("later"), Duration.ofSeconds(4));
        queue.enQueue(mail("now"));

        await().atMost(WAIT).until(() -> receivedAt.containsKey("now") && receivedAt.containsKey("later"));
        // Due 4 s after it was queued; the consumer's selector looks at most one window (1 s) ahead.
        assertThat(receivedAt.get("later") - enqueued).isGreaterThanOrEqualTo(4000 - ReceiveLoops.SELECTOR_WINDOW_MS);
    }

    @Test
    void aMailDoneFromAnotherThreadAfterTheLoopsStoppedIsCommittedNotGivenAgain() throws Exception {
        queue.enQueue(mail("slow"));
        List<MailQueueItem> out = new CopyOnWriteArrayList<>();
        Disposable loops = subscribe(loops(queue, 1).items(), out::add);
        await().atMost(WAIT).until(() -> out.size() == 1);

        loops.dispose(); // the server stops while a spool thread still processes the mail
        Thread spoolThread = new Thread(() -> {
            try {
                // Done well after the loop noticed the stop (it looks every second).
                await().pollDelay(Duration.ofMillis(2500)).atMost(WAIT).until(() -> true);
                out.get(0).done(CompletionStatus.SUCCESS);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        spoolThread.start();
        spoolThread.join(WAIT.toMillis());

        // The item kept its session until it was done: the commit went through.
        await().atMost(WAIT).until(() -> queue.getSize() == 0);
        List<String> again = new CopyOnWriteArrayList<>();
        subscribe(loops(queue, 1).items(), item -> again.add(item.getMail().getName()));
        await().during(Duration.ofSeconds(2)).atMost(WAIT).until(again::isEmpty);
    }

    /** As James's embedded broker builds it: prefetch 0, ActiveMQ's default redelivery policy. */
    private static ActiveMQConnectionFactory jamesConnectionFactory() {
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory("vm://receive-loops-test?create=false");
        ActiveMQPrefetchPolicy prefetch = new ActiveMQPrefetchPolicy();
        prefetch.setQueuePrefetch(0);
        factory.setPrefetchPolicy(prefetch);
        return factory;
    }

    private ReceiveLoops loops(LaneMailQueue reader, int count) {
        ReceiveLoops loops = new ReceiveLoops(reader, connections, count, errors);
        allLoops.add(loops);
        return loops;
    }

    private static List<String> loopThreads() {
        return Thread.getAllStackTraces().keySet().stream()
            .filter(Thread::isAlive)
            .map(Thread::getName)
            .filter(name -> name.startsWith(LOOP_THREADS))
            .collect(Collectors.toList());
    }

    private Destination spool() throws Exception {
        return broker.getDestination(new ActiveMQQueue("spool"));
    }

    private long deadLetters() throws Exception {
        Destination dlq = broker.getBroker().getDestinationMap().get(new ActiveMQQueue("ActiveMQ.DLQ"));
        return dlq == null ? 0 : dlq.getDestinationStatistics().getMessages().getCount();
    }

    /** Records the mail kept; {@code failing}: every store throws, as a repository whose database is down. */
    private static final class ErrorRepositoryDouble implements ReceiveLoops.ErrorRepository {
        private final List<Mail> kept = new CopyOnWriteArrayList<>();
        volatile boolean failing;
        volatile int attempts;

        @Override
        public String url() {
            return "memory://var/mail/error/";
        }

        @Override
        public void store(Mail mail) {
            attempts++;
            if (failing) {
                throw new IllegalStateException("repository unavailable");
            }
            kept.add(mail);
        }

        List<String> names() {
            return kept.stream().map(Mail::getName).collect(Collectors.toList());
        }
    }

    interface Handler {
        void on(MailQueueItem item) throws Exception;
    }

    private Disposable subscribe(Flux<MailQueueItem> items, Handler handler) {
        Disposable subscription = items.subscribe(item -> {
            try {
                handler.on(item);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        subscriptions.add(subscription);
        return subscription;
    }

    private static MailImpl mail(String name) throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
        message.setSubject(name);
        message.setText("body of " + name);
        message.saveChanges();
        return MailImpl.builder()
            .name(name)
            .sender(new MailAddress("alice@a.test"))
            .addRecipient(new MailAddress("bob@b.test"))
            .mimeMessage(message)
            .build();
    }
}
