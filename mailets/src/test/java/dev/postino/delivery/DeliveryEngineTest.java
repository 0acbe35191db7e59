package dev.postino.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;

import dev.postino.core.delivery.DeliveryOutcome;
import dev.postino.core.delivery.OutcomeClassifier;
import dev.postino.core.delivery.SmtpPhase;
import dev.postino.core.delivery.TransportFailure;
import dev.postino.core.route.AddressLookup;
import dev.postino.core.route.AddressSelection;
import dev.postino.core.route.DeliveryTarget;
import dev.postino.core.route.MxLookup;
import dev.postino.core.route.MxRecord;
import dev.postino.core.route.MxSelection;
import dev.postino.core.route.RouteTable;
import dev.postino.core.route.TlsPolicy;
import dev.postino.core.smtp.SmtpReply;

// The engine over in-memory fakes of its two seams: DNS answers and courier replies per address.
class DeliveryEngineTest {
    private final Map<String, MxLookup> mx = new HashMap<>();
    private final Map<String, AddressLookup> addresses = new HashMap<>();
    private final FakeCourier courier = new FakeCourier();
    private final DestinationGuard guard = new DestinationGuard(20, Duration.ofMinutes(1),
        Clock.fixed(Instant.parse("2026-11-26T10:00:00Z"), ZoneOffset.UTC));

    private DeliveryEngine engine(String... routeRows) {
        return engine(domain -> domain.equals("a.test"), routeRows);
    }

    private DeliveryEngine engine(Predicate<String> isLocalDomain, String... routeRows) {
        MxResolver resolver = new MxResolver() {
            @Override
            public MxLookup lookupMx(String domain) {
                return mx.getOrDefault(domain, MxLookup.nxdomain());
            }

            @Override
            public AddressLookup lookupAddresses(String host) {
                return addresses.getOrDefault(host, AddressLookup.nxdomain());
            }
        };
        return new DeliveryEngine(RouteTable.parse(List.of(routeRows)), isLocalDomain, resolver,
            courier, MxSelection.withDefaults(java.util.Set.of("mx.a.test")), AddressSelection.withDefaults(), guard,
            name -> name.equals("known") ? Optional.of("pw") : Optional.empty(),
            new DeliveryEngine.Settings("mx.a.test", TlsPolicy.OPPORTUNISTIC, SessionSettings.Timeouts.all(Duration.ofSeconds(5)),
                25, Duration.ofSeconds(1)),
            new Random(1));
    }

    private static Envelope to(String... recipients) {
        List<EnvelopeRecipient> list = new ArrayList<>();
        for (String r : recipients) {
            list.add(EnvelopeRecipient.of(r));
        }
        return Envelope.of("alice@a.test", list, 100);
    }

    private void twoMx() {
        mx.put("b.test", MxLookup.records(List.of(MxRecord.of(10, "mx1.b.test"), MxRecord.of(20, "mx2.b.test"))));
        addresses.put("mx1.b.test", AddressLookup.addresses(List.of("192.0.2.1")));
        addresses.put("mx2.b.test", AddressLookup.addresses(List.of("192.0.2.2")));
    }

    @Test
    void aRefusedConnectionMovesToTheNextMxAndTheDeadAddressIsSkippedNextTime() {
        twoMx();
        courier.refuse("192.0.2.1");
        DeliveryEngine engine = engine();

        assertThat(engine.deliver(to("bob@b.test"), out -> { }).get("bob@b.test").isDelivered()).isTrue();
        assertThat(courier.calls).containsExactly("192.0.2.1", "192.0.2.2");

        courier.calls.clear();
        assertThat(engine.deliver(to("bob@b.test"), out -> { }).get("bob@b.test").isDelivered()).isTrue();
        assertThat(courier.calls).as("192.0.2.1 is remembered as down").containsExactly("192.0.2.2");
    }

    @Test
    void whenEveryAddressIsRememberedDownNothingConnectsAndTheOutcomeIsTemporary() {
        twoMx();
        courier.refuse("192.0.2.1");
        courier.refuse("192.0.2.2");
        DeliveryEngine engine = engine();
        engine.deliver(to("bob@b.test"), out -> { });
        courier.calls.clear();

        DeliveryOutcome outcome = engine.deliver(to("bob@b.test"), out -> { }).get("bob@b.test");

        assertThat(courier.calls).isEmpty();
        assertThat(outcome.isTemporary()).isTrue();
        assertThat(outcome.status().toString()).isEqualTo("4.4.1");
    }

    @Test
    void aPermanentRcptRefusalIsNotAskedOfTheNextMx() {
        twoMx();
        courier.reply("192.0.2.1", "550 5.1.1 no such user");

        DeliveryOutcome outcome = engine().deliver(to("bob@b.test"), out -> { }).get("bob@b.test");

        assertThat(outcome.isPermanent()).isTrue();
        assertThat(courier.calls).containsExactly("192.0.2.1");
    }

    @Test
    void recipientsOfTwoDomainsGetOneTransactionEach() {
        twoMx();
        mx.put("c.test", MxLookup.records(List.of(MxRecord.of(10, "mx.c.test"))));
        addresses.put("mx.c.test", AddressLookup.addresses(List.of("192.0.2.3")));

        Map<String, DeliveryOutcome> outcomes = engine().deliver(to("bob@b.test", "carol@c.test", "dan@b.test"), out -> { });

        assertThat(outcomes.keySet()).containsExactly("bob@b.test", "carol@c.test", "dan@b.test");
        assertThat(courier.calls).containsExactly("192.0.2.1", "192.0.2.3");
        assertThat(courier.envelopes.get(0)).containsExactly("bob@b.test", "dan@b.test");
    }

    @Test
    void staticRoutesRefuseOrNeedTheirSecret() {
        Map<String, DeliveryOutcome> outcomes = engine("spam.test error:5.7.1 not there",
            "smart.test [192.0.2.9]:587 auth=user secret=missing")
            .deliver(to("x@spam.test", "y@smart.test"), out -> { });

        assertThat(outcomes.get("x@spam.test").status().toString()).isEqualTo("5.7.1");
        assertThat(outcomes.get("y@smart.test").isTemporary()).as("fix the secret, the mail waits").isTrue();
        assertThat(outcomes.get("y@smart.test").text()).contains("secret.missing");
        assertThat(courier.calls).isEmpty();
    }

    @Test
    void nxdomainAndNullMxFailPermanentlyWithoutConnecting() {
        mx.put("null.test", MxLookup.records(List.of(MxRecord.of(0, "."))));

        Map<String, DeliveryOutcome> outcomes = engine().deliver(to("a@nowhere.test", "b@null.test"), out -> { });

        assertThat(outcomes.get("a@nowhere.test").status().toString()).isEqualTo("5.1.2");
        assertThat(outcomes.get("b@null.test").status().toString()).isEqualTo("5.1.10");
        assertThat(courier.calls).isEmpty();
    }

    @Test
    void theGuardKnowsADownDestinationUntilThePostmasterResetsIt() {
        twoMx();
        courier.refuse("192.0.2.1");
        courier.refuse("192.0.2.2");
        DeliveryEngine engine = engine();
        engine.deliver(to("bob@b.test"), out -> { });
        engine.deliver(to("bob@b.test"), out -> { });

        DestinationStatus down = guard.statuses().get(0);
        assertThat(down.destination()).isEqualTo("b.test");
        assertThat(down.down()).isTrue();
        assertThat(down.consecutiveFailures()).isEqualTo(2);
        assertThat(down.lastError()).hasValueSatisfying(error -> assertThat(error).startsWith("4.4.1 "));
        assertThat(down.lastSuccess()).isEmpty();
        assertThat(down.addresses()).containsExactly("192.0.2.1:25", "192.0.2.2:25");

        guard.reset(engine.destinationOf("B.test"));
        courier.reply("192.0.2.1", "250 2.1.5 ok");
        courier.calls.clear();
        assertThat(guard.statuses().get(0).down()).isFalse();
        assertThat(engine.deliver(to("bob@b.test"), out -> { }).get("bob@b.test").isDelivered()).isTrue();
        assertThat(courier.calls).as("no address skipped after the reset").containsExactly("192.0.2.1");
        DestinationStatus up = guard.statuses().get(0);
        assertThat(up.consecutiveFailures()).isZero();
        assertThat(up.lastSuccess()).isPresent();
        assertThat(up.lastError()).as("kept for the record").isPresent();
    }

    @Test
    void permanentRefusalsEndAFailureStreakWithoutCountingAsSuccess() {
        twoMx();
        courier.refuse("192.0.2.1");
        courier.refuse("192.0.2.2");
        DeliveryEngine engine = engine();
        engine.deliver(to("bob@b.test"), out -> { });
        guard.reset("b.test");
        courier.reply("192.0.2.1", "550 5.1.1 no such user");

        engine.deliver(to("bob@b.test"), out -> { });

        assertThat(guard.statuses().get(0).consecutiveFailures()).isZero();
        assertThat(guard.statuses().get(0).lastSuccess()).isEmpty();
    }

    @Test
    void aRelayRouteIsOneDestinationForEveryDomainItCarries() {
        DeliveryEngine engine = engine("smart.test [192.0.2.9]:587", "other.test [192.0.2.9]:587");

        engine.deliver(to("y@smart.test", "z@other.test"), out -> { });

        assertThat(engine.destinationOf("smart.test")).isEqualTo(engine.destinationOf("other.test"));
        assertThat(guard.statuses()).extracting(DestinationStatus::destination)
            .containsExactly(engine.destinationOf("smart.test"));
        assertThat(engine.destinationOf("b.test")).isEqualTo("b.test");
    }

    @Test
    void anUnexpectedErrorForOneDomainLeavesTheOtherDomainsOutcomesAndIsTemporary() {
        twoMx();
        // c.test's route cannot be read (the domain list's store failing, say): an exception, not an outcome.
        DeliveryEngine engine = engine(domain -> {
            if (domain.equals("c.test")) {
                throw new IllegalStateException("cannot read the domain list");
            }
            return domain.equals("a.test");
        });

        Map<String, DeliveryOutcome> outcomes = engine.deliver(to("bob@b.test", "carol@c.test"), out -> { });

        // bob was delivered: losing that outcome would make the retry deliver to him a second time.
        assertThat(outcomes.get("bob@b.test").isDelivered()).isTrue();
        DeliveryOutcome carol = outcomes.get("carol@c.test");
        assertThat(carol.isTemporary()).isTrue();
        assertThat(carol.status()).hasToString("4.0.0");
        assertThat(carol.text()).as("the exception is for the log, not for a DSN to the sender")
            .isEqualTo("local error while delivering; will retry");
    }

    @Test
    void anUnexpectedErrorAtAnMxTriesNoOtherMxInThatAttemptAndMarksNoneDead() {
        twoMx();
        courier.explode("192.0.2.1"); // maybe after mx1's 250 to DATA: mx2 could deliver it twice

        DeliveryOutcome bob = engine().deliver(to("bob@b.test"), out -> { }).get("bob@b.test");

        assertThat(courier.calls).containsExactly("192.0.2.1");
        assertThat(guard.isDead("192.0.2.1:25")).as("our error, not mx1's").isFalse();
        assertThat(bob.isTemporary()).as(bob.toString()).isTrue();
        assertThat(bob.status()).hasToString("4.0.0");
        assertThat(bob.text()).isEqualTo("local error while delivering; will retry")
            .doesNotContain("IllegalStateException");

        courier.reply("192.0.2.1", "250 2.1.5 ok");
        courier.calls.clear();
        assertThat(engine().deliver(to("bob@b.test"), out -> { }).get("bob@b.test").isDelivered()).isTrue();
        assertThat(courier.calls).as("mx1 is tried first again at the next attempt").containsExactly("192.0.2.1");
    }

    @Test
    void anUnexpectedErrorAtTheNextMxKeepsWhatTheFirstOneDelivered() {
        twoMx();
        courier.reply("192.0.2.1", "carol@b.test", "451 4.2.1 mailbox busy");
        courier.explode("192.0.2.2"); // a programming error, or the courier closed under us

        Map<String, DeliveryOutcome> outcomes = engine().deliver(to("bob@b.test", "carol@b.test"), out -> { });

        assertThat(outcomes.get("bob@b.test").isDelivered()).as("delivered by mx1, never to be sent again").isTrue();
        assertThat(outcomes.get("carol@b.test").isTemporary()).isTrue();
        assertThat(outcomes.get("carol@b.test").status()).hasToString("4.0.0");
    }

    @Test
    void aSmarthostWhoseNameDoesNotResolveKeepsTheMailQueuedInsteadOfBouncingIt() {
        // The admin's route names a host DNS does not know (a typo, or its zone broken for a while).
        DeliveryOutcome outcome = engine("b.test [smarthost.test]:587").deliver(to("bob@b.test"), out -> { })
            .get("bob@b.test");

        assertThat(outcome.isTemporary()).as(outcome.toString()).isTrue();
        assertThat(outcome.status()).hasToString("4.3.5");
        assertThat(outcome.text()).contains("smarthost.test");
        assertThat(courier.calls).isEmpty();
    }

    @Test
    void aSmarthostRefusingTheSessionKeepsTheMailQueuedButItsRefusalOfARecipientStands() {
        addresses.put("smarthost.test", AddressLookup.addresses(List.of("192.0.2.7")));
        courier.reply("192.0.2.7", "554 5.7.1 you are not allowed to relay through us", SmtpPhase.GREETING);
        DeliveryEngine engine = engine("b.test [smarthost.test]:587", "c.test [smarthost2.test]:587");
        addresses.put("smarthost2.test", AddressLookup.addresses(List.of("192.0.2.8")));
        courier.reply("192.0.2.8", "550 5.1.1 no such user");

        Map<String, DeliveryOutcome> outcomes = engine.deliver(to("bob@b.test", "carol@c.test"), out -> { });

        assertThat(outcomes.get("bob@b.test").status()).hasToString("4.3.5");
        assertThat(outcomes.get("bob@b.test").reply()).map(Object::toString)
            .hasValue("554 5.7.1 you are not allowed to relay through us");
        assertThat(outcomes.get("carol@c.test").isPermanent()).isTrue();
        assertThat(outcomes.get("carol@c.test").status()).hasToString("5.1.1");
    }

    @Test
    void aDomainsOwnMailExchangerRefusingTheSessionIsStillPermanent() {
        twoMx();
        courier.reply("192.0.2.1", "554 5.7.1 go away", SmtpPhase.GREETING);
        courier.reply("192.0.2.2", "554 5.7.1 go away", SmtpPhase.GREETING);

        assertThat(engine().deliver(to("bob@b.test"), out -> { }).get("bob@b.test").isPermanent()).isTrue();
    }

    /** Answers per IP: refused connection, or one RCPT reply for everyone (default 250). */
    private static final class FakeCourier implements SmtpCourier {
        final List<String> calls = new ArrayList<>();
        final List<List<String>> envelopes = new ArrayList<>();
        private final Map<String, String> replies = new HashMap<>();
        private final OutcomeClassifier classifier = new OutcomeClassifier();

        void refuse(String ip) {
            replies.put(ip, "refused");
        }

        private final Map<String, SmtpPhase> phases = new HashMap<>();

        void reply(String ip, String reply) {
            replies.put(ip, reply);
        }

        private final Map<String, String> perRecipient = new HashMap<>();

        /** This recipient's own RCPT reply at {@code ip}. */
        void reply(String ip, String recipient, String reply) {
            perRecipient.put(ip + " " + recipient, reply);
        }

        void explode(String ip) {
            replies.put(ip, "explode");
        }

        void reply(String ip, String reply, SmtpPhase phase) {
            replies.put(ip, reply);
            phases.put(ip, phase);
        }

        @Override
        public CourierResult deliver(DeliveryTarget target, int port, SessionSettings settings, Envelope envelope,
                                     MessageSource message) {
            calls.add(target.ip());
            List<String> rcpts = new ArrayList<>();
            envelope.recipients().forEach(r -> rcpts.add(r.address()));
            envelopes.add(rcpts);
            if (replies.getOrDefault(target.ip(), "").equals("explode")) {
                throw new IllegalStateException("this courier is closed");
            }
            Map<String, DeliveryOutcome> outcomes = new LinkedHashMap<>();
            for (String rcpt : rcpts) {
                String script = perRecipient.getOrDefault(target.ip() + " " + rcpt,
                    replies.getOrDefault(target.ip(), "250 2.1.5 ok"));
                DeliveryOutcome outcome = script.equals("refused")
                    ? classifier.classify(SmtpPhase.CONNECT, TransportFailure.CONNECTION_REFUSED, "refused")
                    : classifier.classify(phases.getOrDefault(target.ip(),
                        script.startsWith("2") ? SmtpPhase.END_OF_DATA : SmtpPhase.RCPT), SmtpReply.parse(script));
                outcomes.put(rcpt, outcome.withRemote(target.host(), target.ip()));
            }
            return new CourierResult(outcomes, false);
        }

        @Override
        public void close() {
        }
    }
}
