package dev.postino.bench;

import dev.postino.core.dsn.DsnComposer;
import dev.postino.core.dsn.DsnRecipient;
import dev.postino.core.dsn.DsnRequest;
import dev.postino.core.retry.AttemptResult;
import dev.postino.core.retry.DeliveryHistory;
import dev.postino.core.retry.RetryDecision;
import dev.postino.core.retry.RetryPolicy;
import dev.postino.core.retry.RetryPolicyConfig;
import dev.postino.core.route.AddressLookup;
import dev.postino.core.route.AddressSelection;
import dev.postino.core.route.MxLookup;
import dev.postino.core.route.MxPlan;
import dev.postino.core.route.MxRecord;
import dev.postino.core.route.MxSelection;
import dev.postino.core.route.Route;
import dev.postino.core.route.RouteTable;
import dev.postino.core.route.TargetPlan;
import dev.postino.core.smtp.EnhancedStatus;
import dev.postino.core.smtp.SmtpReply;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Per-mail cost of the delivery decisions in {@code core}, the work RouteByMx does around each
 * SMTP transaction (issue 9 §2). Run with {@code bench/jmh DeliveryCostBenchmark}.
 * <ul>
 *   <li>{@code routeResolve}: a recipient domain through a 50-row static route table, then its
 *       three MX records ordered (two of equal preference shuffled) and their A/AAAA addresses
 *       interleaved: what happens before connecting.</li>
 *   <li>{@code retryDecide}: after an attempt to three recipients (one delivered, one 452, one
 *       550), the retry decision and the new history, written as the text stored on the mail.</li>
 *   <li>{@code dsnCompose}: the failure DSN for that 550 with the original 5 KB message's headers.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DeliveryCostBenchmark {
    private static final Instant ARRIVAL = Instant.parse("2026-11-26T10:00:00Z");
    private static final Instant NOW = ARRIVAL.plusSeconds(3);
    private static final Set<String> LOCAL = Set.of("a.test", "lists.a.test");

    private RouteTable routes;
    private MxSelection mxSelection;
    private AddressSelection addressSelection;
    private MxLookup mxAnswer;
    private Map<String, AddressLookup> addressAnswers;
    private Random random;

    private RetryPolicy retryPolicy;
    private DeliveryHistory history;
    private List<AttemptResult> results;

    private DsnComposer composer;
    private DsnRequest dsnRequest;

    @Setup
    public void setUp() {
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < 48; i++) {
            rows.add(i % 2 == 0 ? "partner" + i + ".test [10.0." + i + ".5]:25" : ".corp" + i + ".test relay" + i + ".test");
        }
        rows.add("spam.test error:5.7.1 we do not deliver there");
        rows.add("example.org mx");
        routes = RouteTable.parse(rows);
        mxSelection = MxSelection.withDefaults(Set.of("mx.a.test"));
        addressSelection = AddressSelection.withDefaults();
        mxAnswer = MxLookup.records(List.of(
            MxRecord.of(10, "mx1.b.test"), MxRecord.of(10, "mx2.b.test"), MxRecord.of(20, "backup.b.test")));
        addressAnswers = Map.of(
            "mx1.b.test", AddressLookup.addresses(List.of("192.0.2.10", "2001:db8::10")),
            "mx2.b.test", AddressLookup.addresses(List.of("192.0.2.11", "2001:db8::11")),
            "backup.b.test", AddressLookup.addresses(List.of("198.51.100.20")));
        random = new Random(9);

        retryPolicy = new RetryPolicy(RetryPolicyConfig.defaults(), new Random(9));
        history = DeliveryHistory.start(ARRIVAL, List.of("bob@b.test", "carol@b.test", "dave@b.test"));
        results = List.of(
            AttemptResult.delivered("bob@b.test", SmtpReply.parse("250 2.0.0 Ok: queued as 4Tm9Qk1b2Cz"), "mx1.b.test", NOW),
            AttemptResult.temporary("carol@b.test", EnhancedStatus.parse("4.2.2"),
                Optional.of(SmtpReply.parse("452 4.2.2 <carol@b.test>: mailbox full")), Optional.of("mx1.b.test"), NOW),
            AttemptResult.permanent("dave@b.test", EnhancedStatus.parse("5.1.1"),
                Optional.of(SmtpReply.parse("550 5.1.1 <dave@b.test>: Recipient address rejected: User unknown")),
                Optional.of("mx1.b.test"), NOW));

        byte[] raw = ScoringBenchmark.message(new Random(2002), vocabulary(), 0, 5120);
        String message = new String(raw, StandardCharsets.US_ASCII);
        String headers = message.substring(0, message.indexOf("\r\n\r\n") + 4);
        composer = new DsnComposer();
        dsnRequest = DsnRequest.builder(DsnRequest.Kind.FAILED)
            .reportingHost("mx.a.test")
            .envelopeSender("alice@a.test")
            .arrival(ARRIVAL)
            .recipient(DsnRecipient.of("dave@b.test", EnhancedStatus.parse("5.1.1"), NOW)
                .withOriginalRecipient("rfc822;dave@b.test")
                .withRemoteMta("mx1.b.test")
                .withReply(SmtpReply.parse("550 5.1.1 <dave@b.test>: Recipient address rejected: User unknown")))
            .originalHeaders(headers)
            .originalMessage(message)
            .build();
    }

    private static String[] vocabulary() {
        Random random = new Random(1);
        String[] words = new String[3000];
        for (int i = 0; i < words.length; i++) {
            words[i] = ScoringBenchmark.word(random);
        }
        return words;
    }

    @Benchmark
    public void routeResolve(Blackhole hole) {
        Route route = routes.resolve("B.test", LOCAL::contains);
        MxPlan mx = mxSelection.plan("b.test", mxAnswer, random);
        TargetPlan targets = addressSelection.plan(mx.hosts(), addressAnswers);
        hole.consume(route);
        hole.consume(targets);
    }

    @Benchmark
    public String retryDecide() {
        RetryDecision decision = retryPolicy.decide(history, results, NOW);
        return decision.history().toText();
    }

    @Benchmark
    public String dsnCompose() {
        return composer.compose(dsnRequest, NOW, ZoneId.of("UTC"), "dsn.1@mx.a.test", "postino=_dsn_1");
    }
}
