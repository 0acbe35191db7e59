package dev.postino.delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.postino.core.delivery.DeliveryOutcome;
import dev.postino.core.delivery.OutcomeClassifier;
import dev.postino.core.delivery.SmtpPhase;
import dev.postino.core.route.AddressLookup;
import dev.postino.core.route.AddressSelection;
import dev.postino.core.route.DeliveryTarget;
import dev.postino.core.route.MxLookup;
import dev.postino.core.route.MxPlan;
import dev.postino.core.route.MxSelection;
import dev.postino.core.route.Route;
import dev.postino.core.route.RouteFailure;
import dev.postino.core.route.RouteResolver;
import dev.postino.core.route.RouteTable;
import dev.postino.core.route.TargetPlan;
import dev.postino.core.route.TlsPolicy;
import dev.postino.core.smtp.EnhancedStatus;

/**
 * One delivery attempt of one mail to its remote recipients: groups them by domain, resolves each
 * domain's route ({@link RouteTable}) and mail exchangers ({@link MxSelection},
 * {@link AddressSelection}), then runs one SMTP transaction per destination through the
 * {@link SmtpCourier}, moving to the next address while {@link OutcomeClassifier#tryNextHost}
 * says so. Returns one outcome per recipient; never throws for a delivery problem.
 */
public final class DeliveryEngine {
    private static final Logger LOGGER = LoggerFactory.getLogger(DeliveryEngine.class);
    /** Starts the text of a recipient's outcome when its destination had no free delivery slot. */
    private static final String BUSY = "too many deliveries in progress to ";
    /**
     * An exception of our own while delivering: temporary (unknown means temporary, retried and
     * never bounced). The exception goes to the log only; this text may reach the sender in a
     * delay notice, which is no place for our stack's class names.
     */
    static final DeliveryOutcome LOCAL_ERROR = DeliveryOutcome.failure(EnhancedStatus.of(4, 0, 0),
        SmtpPhase.CONNECT, "local error while delivering; will retry");
    private static final Pattern IPV6_LITERAL = Pattern.compile("[0-9a-fA-F:.]+");
    private static final Pattern IPV4_LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    /** What the engine needs besides its collaborators. */
    public static final class Settings {
        final String heloName;
        final TlsPolicy mxTls;
        final SessionSettings.Timeouts timeouts;
        final int mxPort;
        final Duration slotWait;

        public Settings(String heloName, TlsPolicy mxTls, SessionSettings.Timeouts timeouts, int mxPort, Duration slotWait) {
            this.heloName = heloName;
            this.mxTls = mxTls;
            this.timeouts = timeouts;
            this.mxPort = mxPort;
            this.slotWait = slotWait;
        }
    }

    private final RouteResolver routes;
    private final Predicate<String> isLocalDomain;
    private final MxResolver resolver;
    private final SmtpCourier courier;
    private final MxSelection mxSelection;
    private final AddressSelection addressSelection;
    private final DestinationGuard guard;
    private final Function<String, Optional<String>> secrets;
    private final Settings settings;
    private final Random random;
    private final OutcomeClassifier classifier = new OutcomeClassifier();

    public DeliveryEngine(RouteResolver routes, Predicate<String> isLocalDomain, MxResolver resolver, SmtpCourier courier,
                          MxSelection mxSelection, AddressSelection addressSelection, DestinationGuard guard,
                          Function<String, Optional<String>> secrets, Settings settings, Random random) {
        this.routes = routes;
        this.isLocalDomain = isLocalDomain;
        this.resolver = resolver;
        this.courier = courier;
        this.mxSelection = mxSelection;
        this.addressSelection = addressSelection;
        this.guard = guard;
        this.secrets = secrets;
        this.settings = settings;
        this.random = random;
    }

    /** Delivers to every recipient of the envelope; the map has one outcome per recipient. */
    public Map<String, DeliveryOutcome> deliver(Envelope envelope, MessageSource message) {
        return deliver(envelope, message, settings.slotWait);
    }

    /**
     * As {@link #deliver(Envelope, MessageSource)}, waiting at most {@code slotWait} for a free
     * delivery slot per destination; recipients whose destination had none get an outcome for
     * which {@link #isBusy} holds (nothing was sent to them).
     */
    public Map<String, DeliveryOutcome> deliver(Envelope envelope, MessageSource message, Duration slotWait) {
        Map<String, List<EnvelopeRecipient>> byDomain = new LinkedHashMap<>();
        for (EnvelopeRecipient recipient : envelope.recipients()) {
            byDomain.computeIfAbsent(domainOf(recipient.address()), any -> new ArrayList<>()).add(recipient);
        }
        Map<String, DeliveryOutcome> byRecipient = new LinkedHashMap<>();
        byDomain.forEach((domain, recipients) ->
            byRecipient.putAll(deliverToDomainSafely(domain, recipients, envelope, message, slotWait)));
        Map<String, DeliveryOutcome> inEnvelopeOrder = new LinkedHashMap<>();
        for (EnvelopeRecipient recipient : envelope.recipients()) {
            inEnvelopeOrder.put(recipient.address(), byRecipient.get(recipient.address()));
        }
        return inEnvelopeOrder;
    }

    /** True for the outcome of a recipient whose destination had no free delivery slot in time. */
    public static boolean isBusy(DeliveryOutcome outcome) {
        return !outcome.isDelivered() && outcome.reply().isEmpty() && outcome.text().startsWith(BUSY);
    }

    /**
     * An unexpected error at one domain (the domain list unreadable, a resolver bug) is that
     * domain's temporary outcome, never an exception: thrown, it would discard what the domains
     * before it did, and the retry would deliver to their recipients a second time.
     */
    private Map<String, DeliveryOutcome> deliverToDomainSafely(String domain, List<EnvelopeRecipient> recipients,
                                                               Envelope envelope, MessageSource message,
                                                               Duration slotWait) {
        try {
            return deliverToDomain(domain, recipients, envelope, message, slotWait);
        } catch (RuntimeException e) {
            LOGGER.error("delivery to {} failed unexpectedly; its recipients stay queued", domain, e);
            return all(recipients, LOCAL_ERROR);
        }
    }

    private Map<String, DeliveryOutcome> deliverToDomain(String domain, List<EnvelopeRecipient> recipients,
                                                         Envelope envelope, MessageSource message, Duration slotWait) {
        Route route = routes.resolve(domain, isLocalDomain);
        switch (route.kind()) {
            case REFUSE:
                return all(recipients, DeliveryOutcome.failure(route.status(), SmtpPhase.CONNECT,
                    "refused by a static route: " + route.text()));
            case LOCAL:
                // Local recipients leave the pipeline before remote delivery; reaching here is a
                // configuration mistake. Temporary on purpose: the admin can fix it, no mail is lost.
                return all(recipients, DeliveryOutcome.failure(EnhancedStatus.of(4, 3, 5), SmtpPhase.CONNECT,
                    domain + " is local but reached remote delivery; check mailetcontainer.xml"));
            case MX:
                return deliverVia(new Hop(domain, settings.mxPort, false), planMx(domain),
                    new SessionSettings(settings.heloName, settings.mxTls, Optional.empty(), settings.timeouts),
                    recipients, envelope, message, slotWait);
            default:
                return deliverViaRelay(route, recipients, envelope, message, slotWait);
        }
    }

    private Map<String, DeliveryOutcome> deliverViaRelay(Route route, List<EnvelopeRecipient> recipients,
                                                         Envelope envelope, MessageSource message, Duration slotWait) {
        Optional<SessionSettings.Credentials> credentials = Optional.empty();
        if (route.auth().isPresent()) {
            String ref = route.auth().get().passwordRef();
            Optional<String> password = secrets.apply(ref);
            if (password.isEmpty()) {
                // Temporary on purpose: the admin adds the secret and the queued mail goes.
                return all(recipients, DeliveryOutcome.failure(EnhancedStatus.of(4, 7, 0), SmtpPhase.AUTH,
                    "no password configured for secret '" + ref + "' (postino.properties secret." + ref + ")"));
            }
            credentials = Optional.of(new SessionSettings.Credentials(route.auth().get().username(), password.get()));
        }
        MxPlan plan = route.lookupMx() ? planMx(route.host()) : MxPlan.hosts(List.of(route.host()));
        SessionSettings session = new SessionSettings(settings.heloName, route.tlsPolicy(), credentials, settings.timeouts);
        return deliverVia(new Hop(route.host() + ":" + route.port(), route.port(), true), plan, session, recipients,
            envelope, message, slotWait);
    }

    private MxPlan planMx(String domain) {
        // The DNS question outside the lock: only the shuffle needs the shared Random. (Asking
        // inside it serialised every delivery thread behind one DNS round trip.)
        MxLookup lookup = resolver.lookupMx(domain);
        synchronized (random) {
            return mxSelection.plan(domain, lookup, random);
        }
    }

    /** Where an attempt goes: the destination as the guard knows it, its port, and whether our routes named it. */
    private static final class Hop {
        final String destination;
        final int port;
        final boolean configuredRelay;

        Hop(String destination, int port, boolean configuredRelay) {
            this.destination = destination;
            this.port = port;
            this.configuredRelay = configuredRelay;
        }
    }

    private Map<String, DeliveryOutcome> deliverVia(Hop hop, MxPlan plan, SessionSettings session,
                                                    List<EnvelopeRecipient> recipients, Envelope envelope,
                                                    MessageSource message, Duration slotWait) {
        String destination = hop.destination;
        int port = hop.port;
        if (plan.isFailure()) {
            return recorded(hop, List.of(), all(recipients, failureOf(plan.failure())));
        }
        Map<String, AddressLookup> lookups = new LinkedHashMap<>();
        for (String host : plan.hosts()) {
            lookups.put(host, addressesOf(host));
        }
        TargetPlan targets = addressSelection.plan(plan.hosts(), lookups);
        if (targets.isFailure()) {
            return recorded(hop, List.of(), all(recipients, failureOf(targets.failure())));
        }
        try {
            if (!guard.acquire(destination, slotWait)) {
                // Our own limit, not the destination's fault: not recorded as its failure.
                return all(recipients, DeliveryOutcome.failure(EnhancedStatus.of(4, 4, 5), SmtpPhase.CONNECT,
                    BUSY + destination));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return all(recipients, DeliveryOutcome.failure(EnhancedStatus.of(4, 3, 0), SmtpPhase.CONNECT,
                "interrupted while waiting for " + destination));
        }
        try {
            List<String> addresses = new ArrayList<>();
            targets.targets().forEach(target -> addresses.add(target.ip() + ":" + port));
            return recorded(hop, addresses, tryTargets(targets.targets(), port, session, recipients, envelope,
                message));
        } finally {
            guard.release(destination);
        }
    }

    /**
     * The outcomes of an attempt at the hop, a configured relay's judged as such
     * ({@link OutcomeClassifier#atConfiguredRelay}); tells the guard how it went (for the
     * administrator's view).
     */
    private Map<String, DeliveryOutcome> recorded(Hop hop, List<String> addresses, Map<String, DeliveryOutcome> found) {
        Map<String, DeliveryOutcome> outcomes = found;
        if (hop.configuredRelay) {
            outcomes = new LinkedHashMap<>();
            for (Map.Entry<String, DeliveryOutcome> entry : found.entrySet()) {
                outcomes.put(entry.getKey(), classifier.atConfiguredRelay(entry.getValue()));
            }
        }
        String destination = hop.destination;
        boolean delivered = outcomes.values().stream().anyMatch(DeliveryOutcome::isDelivered);
        Optional<String> temporary = outcomes.values().stream()
            .filter(outcome -> !outcome.isDelivered() && !outcome.isPermanent())
            .map(outcome -> outcome.reply().map(Object::toString).orElse(outcome.status() + " " + outcome.text()))
            .findFirst();
        guard.recordAttempt(destination, addresses, delivered, temporary);
        return outcomes;
    }

    /**
     * Where mail for {@code domain} goes, named as the guard knows it: the domain itself when
     * delivered by MX, the relay's {@code host:port} when a static route names one.
     */
    public String destinationOf(String domain) {
        Route route = routes.resolve(domain, isLocalDomain);
        return route.kind() == Route.Kind.RELAY ? route.host() + ":" + route.port() : domainOf(domain);
    }

    private Map<String, DeliveryOutcome> tryTargets(List<DeliveryTarget> targets, int port, SessionSettings session,
                                                    List<EnvelopeRecipient> recipients, Envelope envelope,
                                                    MessageSource message) {
        Map<String, DeliveryOutcome> settled = new LinkedHashMap<>();
        Map<String, DeliveryOutcome> last = new LinkedHashMap<>();
        List<EnvelopeRecipient> pending = recipients;
        List<String> skipped = new ArrayList<>();
        for (DeliveryTarget target : targets) {
            if (pending.isEmpty()) {
                break;
            }
            String address = target.ip() + ":" + port;
            if (guard.isDead(address)) {
                skipped.add(target.toString());
                continue;
            }
            Envelope attempt = new Envelope(envelope.sender(), pending, envelope.size(), envelope.eightBit(),
                envelope.envelopeId(), envelope.ret());
            Optional<CourierResult> delivered = deliverSafely(target, port, session, attempt, message);
            if (delivered.isEmpty()) {
                // Where the courier broke is unknown, maybe after the server's 250 to DATA: the next
                // host in this attempt could deliver the mail a second time, and the host is not to
                // blame, so it is not marked dead. The recipients wait for the next attempt.
                pending.forEach(recipient -> settled.put(recipient.address(), LOCAL_ERROR));
                pending = List.of();
                break;
            }
            CourierResult result = delivered.get();
            List<EnvelopeRecipient> next = new ArrayList<>();
            boolean unreachable = false;
            for (EnvelopeRecipient recipient : pending) {
                DeliveryOutcome outcome = result.outcome(recipient.address());
                unreachable |= outcome.phase() == SmtpPhase.CONNECT && !outcome.isDelivered();
                if (classifier.tryNextHost(outcome)) {
                    last.put(recipient.address(), outcome);
                    next.add(recipient);
                } else {
                    settled.put(recipient.address(), outcome);
                }
            }
            if (unreachable) {
                guard.markDead(address);
            } else {
                guard.markAlive(address);
            }
            pending = next;
        }
        for (EnvelopeRecipient recipient : pending) {
            DeliveryOutcome outcome = last.get(recipient.address());
            if (outcome == null) {
                // Every address was skipped as recently unreachable: no connection now.
                outcome = DeliveryOutcome.failure(EnhancedStatus.of(4, 4, 1), SmtpPhase.CONNECT,
                    "all mail exchangers were unreachable moments ago, not retried yet: " + skipped);
                LOGGER.info("rcpt={} skipped recently unreachable {}", recipient.address(), skipped);
            }
            settled.put(recipient.address(), outcome);
        }
        Map<String, DeliveryOutcome> ordered = new LinkedHashMap<>();
        for (EnvelopeRecipient recipient : recipients) {
            ordered.put(recipient.address(), settled.get(recipient.address()));
        }
        return ordered;
    }

    /**
     * The courier never throws for a delivery problem; anything it does throw (a programming
     * error, the courier closed under us) is logged and leaves no result (empty), so that what
     * earlier addresses delivered in this attempt is kept, never delivered again.
     */
    private Optional<CourierResult> deliverSafely(DeliveryTarget target, int port, SessionSettings session,
                                                  Envelope attempt, MessageSource message) {
        try {
            return Optional.of(courier.deliver(target, port, session, attempt, message));
        } catch (RuntimeException e) {
            LOGGER.error("delivery to {}:{} failed unexpectedly; its recipients stay queued", target, port, e);
            return Optional.empty();
        }
    }

    private AddressLookup addressesOf(String host) {
        String literal = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (isIpLiteral(literal)) {
            return AddressLookup.addresses(List.of(literal));
        }
        return resolver.lookupAddresses(host);
    }

    static boolean isIpLiteral(String host) {
        // Compiled once: String.matches compiles its pattern on every call (2.5 % of a relayed mail's CPU).
        return (host.indexOf(':') >= 0 ? IPV6_LITERAL : IPV4_LITERAL).matcher(host).matches();
    }

    private static DeliveryOutcome failureOf(RouteFailure failure) {
        return DeliveryOutcome.failure(failure.status(), SmtpPhase.CONNECT, failure.text());
    }

    private static Map<String, DeliveryOutcome> all(List<EnvelopeRecipient> recipients, DeliveryOutcome outcome) {
        Map<String, DeliveryOutcome> outcomes = new LinkedHashMap<>();
        for (EnvelopeRecipient recipient : recipients) {
            outcomes.put(recipient.address(), outcome);
        }
        return outcomes;
    }

    static String domainOf(String address) {
        int at = address.lastIndexOf('@');
        String domain = at < 0 ? address : address.substring(at + 1);
        domain = domain.toLowerCase(Locale.ROOT);
        return domain.endsWith(".") ? domain.substring(0, domain.length() - 1) : domain;
    }
}
