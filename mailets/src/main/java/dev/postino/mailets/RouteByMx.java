package dev.postino.mailets;

import java.io.File;
import java.io.FileNotFoundException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Semaphore;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.james.core.Domain;
import org.apache.james.dnsservice.api.DNSService;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.domainlist.api.DomainListException;
import org.apache.james.filesystem.api.FileSystem;
import org.apache.james.mailrepository.api.MailRepository;
import org.apache.james.mailrepository.api.MailRepositoryStore;
import org.apache.james.mailrepository.api.MailRepositoryUrl;
import org.apache.james.queue.api.MailQueue;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.queue.api.MailQueueName;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.postino.config.ConfigException;
import dev.postino.config.ConfigValues;
import dev.postino.config.PostinoProperties;
import dev.postino.core.retry.RetryPolicy;
import dev.postino.core.retry.RetryPolicyConfig;
import dev.postino.core.route.AddressPreference;
import dev.postino.core.route.AddressSelection;
import dev.postino.core.route.MxSelection;
import dev.postino.core.route.ReceivedLoopPolicy;
import dev.postino.core.route.TlsPolicy;
import dev.postino.delivery.ActionHandshake;
import dev.postino.delivery.CourierConfig;
import dev.postino.delivery.DeferredSweeper;
import dev.postino.delivery.DeliveryEngine;
import dev.postino.delivery.DeliveryWorker;
import dev.postino.delivery.DestinationGuard;
import dev.postino.delivery.DnsjavaMxResolver;
import dev.postino.delivery.DsnSender;
import dev.postino.delivery.OutboundQueue;
import dev.postino.delivery.OutboundRegistry;
import dev.postino.delivery.SessionSettings;
import dev.postino.delivery.SocketSmtpCourier;
import dev.postino.routes.StaticRoutes;

/**
 * Delivers mail to remote recipients like an MTA: makes the first attempt at once and queues what
 * is left on a James mail queue, whose delivery workers retry it. Each attempt routes each
 * recipient domain (static routes: {@code routes.file} of {@code postino.properties} and
 * webadmin's {@code /postino/routes}, read live from {@link StaticRoutes}; else MX),
 * and talks SMTP with STARTTLS and connection reuse; temporary failures are retried with
 * backoff, and RFC 3464 DSNs sent.
 * Replaces James's {@code RemoteDelivery}. Every parameter is optional; a bad value fails start-up
 * naming the parameter.
 *
 * <table>
 * <caption>Init parameters</caption>
 * <tr><td>outgoingQueue</td><td>postino-outgoing</td><td>the James mail queue to use</td></tr>
 * <tr><td>deliveryThreads</td><td>10</td><td>mails delivered at once</td></tr>
 * <tr><td>immediateAttempts</td><td>10</td><td>first attempts made at once on James's spool threads, before
 *     the outgoing queue (0: every mail is queued first); keep it below the spooler's threads</td></tr>
 * <tr><td>retrySchedule</td><td>(backoff)</td><td>explicit delays, e.g. {@code 5m, 10m, 1h*10, 4h}</td></tr>
 * <tr><td>backoffInitial / backoffCap</td><td>5m / 4000s</td><td>exponential backoff, doubling</td></tr>
 * <tr><td>retryJitter</td><td>0.1</td><td>± fraction of each delay</td></tr>
 * <tr><td>delayWarningAfter</td><td>4h</td><td>one "delayed" DSN after this; 0 = never</td></tr>
 * <tr><td>maxQueueLifetime</td><td>5d</td><td>give up (DSN 4.4.7) after this</td></tr>
 * <tr><td>maxAttempts</td><td>unlimited</td><td>give up after this many attempts</td></tr>
 * <tr><td>tls</td><td>opportunistic</td><td>MX deliveries: opportunistic, required or none</td></tr>
 * <tr><td>maxMxHosts</td><td>5</td><td>MX hosts tried per attempt</td></tr>
 * <tr><td>maxAddresses</td><td>10</td><td>addresses tried per attempt</td></tr>
 * <tr><td>addressPreference</td><td>interleave</td><td>interleave, ipv6-first or ipv4-first</td></tr>
 * <tr><td>maxReceived</td><td>100</td><td>more Received headers → 5.4.6 loop DSN</td></tr>
 * <tr><td>maxConnectionsPerDestination</td><td>20</td><td>concurrent deliveries per destination</td></tr>
 * <tr><td>maxMailsPerConnection</td><td>100</td><td>transactions on one reused connection</td></tr>
 * <tr><td>connectionIdleTime</td><td>30s</td><td>how long an idle connection is kept for reuse</td></tr>
 * <tr><td>deadHostTime</td><td>60s</td><td>an unreachable address is skipped this long</td></tr>
 * <tr><td>connectTimeout ... dataEndTimeout</td><td>30s, 5m, 5m, 2m, 3m, 10m</td><td>RFC 5321 §4.5.3.2</td></tr>
 * <tr><td>failedRepository</td><td>memory://var/mail/postino-failed/</td><td>mail given up on</td></tr>
 * <tr><td>doubleBounceRepository</td><td>memory://var/mail/postino-double-bounce/</td><td>failed mail from {@code <>}</td></tr>
 * <tr><td>deferredRepository</td><td>memory://var/mail/postino-deferred/</td><td>mail a queue handed back early</td></tr>
 * <tr><td>deferredSweepInterval</td><td>10s</td><td>how often parked mail is checked</td></tr>
 * </table>
 *
 * <pre>{@code
 * <mailet match="All" class="dev.postino.mailets.RouteByMx">
 *     <delayWarningAfter>4h</delayWarningAfter>
 *     <maxQueueLifetime>5d</maxQueueLifetime>
 * </mailet>
 * }</pre>
 */
public class RouteByMx extends GenericMailet {
    private static final Logger LOGGER = LoggerFactory.getLogger(RouteByMx.class);
    static final Set<String> KEYS = Set.of("outgoingQueue", "deliveryThreads", "tls", "maxMxHosts", "maxAddresses",
        "addressPreference", "maxReceived", "maxConnectionsPerDestination", "maxMailsPerConnection",
        "connectionIdleTime", "deadHostTime", "connectTimeout", "greetingTimeout", "commandTimeout",
        "dataInitTimeout", "dataBlockTimeout", "dataEndTimeout", "failedRepository", "deferredRepository",
        "doubleBounceRepository",
        "deferredSweepInterval", "immediateAttempts");
    // Parameters James itself reads for every mailet.
    private static final Set<String> JAMES_KEYS = Set.of("onMailetException", "onMatchException");

    private final MailQueueFactory<?> queueFactory;
    private final DomainList domainList;
    private final MailRepositoryStore repositories;
    private final FileSystem fileSystem;
    private final DNSService dns;
    private final OutboundRegistry registry;
    private final StaticRoutes routes;
    private final Clock clock = Clock.systemUTC();

    private MailQueue queue;
    private SocketSmtpCourier courier;
    private DeliveryWorker worker;
    private DeferredSweeper sweeper;
    private OutboundQueue registered;
    private Semaphore immediateSlots;

    /** {@code registry}: where the webadmin routes find this mailet's queue ({@code OutboundModule}). */
    @Inject
    public RouteByMx(MailQueueFactory<?> queueFactory, DomainList domainList, MailRepositoryStore repositories,
                     FileSystem fileSystem, DNSService dns, OutboundRegistry registry, StaticRoutes routes) {
        this.queueFactory = queueFactory;
        this.domainList = domainList;
        this.repositories = repositories;
        this.fileSystem = fileSystem;
        this.dns = dns;
        this.registry = registry;
        this.routes = routes;
    }

    @Override
    public void init() throws MessagingException {
        ConfigValues params = parameters();
        Map<String, String> retryParams = new HashMap<>();
        RetryPolicyConfig.KEYS.forEach(key -> params.string(key).ifPresent(value -> retryParams.put(key, value)));
        RetryPolicyConfig retry;
        try {
            retry = RetryPolicyConfig.fromParameters(retryParams);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("mailet " + getMailetName() + ": " + e.getMessage(), e);
        }
        SessionSettings.Timeouts defaults = SessionSettings.Timeouts.rfc5321();
        SessionSettings.Timeouts timeouts = new SessionSettings.Timeouts(
            params.positiveDuration("connectTimeout", defaults.connect), params.positiveDuration("greetingTimeout", defaults.greeting),
            params.positiveDuration("commandTimeout", defaults.command), params.positiveDuration("dataInitTimeout", defaults.dataInit),
            params.positiveDuration("dataBlockTimeout", defaults.dataBlock), params.positiveDuration("dataEndTimeout", defaults.dataEnd));
        int threads = params.integer("deliveryThreads", 10, 1, 1000);
        immediateSlots = new Semaphore(params.integer("immediateAttempts", 10, 0, 1000));
        Duration idle = params.duration("connectionIdleTime", Duration.ofSeconds(30));
        int mailsPerConnection = params.integer("maxMailsPerConnection", 100, 1, 100_000);
        int maxMxHosts = params.integer("maxMxHosts", 5, 1, 100);
        AddressPreference preference = params.choice("addressPreference", AddressPreference.INTERLEAVE, AddressPreference.class);
        int maxAddresses = params.integer("maxAddresses", 10, 1, 100);
        int perDestination = params.integer("maxConnectionsPerDestination", 20, 1, 1000);
        Duration deadHostTime = params.duration("deadHostTime", Duration.ofSeconds(60));
        TlsPolicy tls = params.choice("tls", TlsPolicy.OPPORTUNISTIC, TlsPolicy.class);
        int maxReceived = params.integer("maxReceived", 100, 1, 10_000);
        Duration sweepInterval = params.positiveDuration("deferredSweepInterval", Duration.ofSeconds(10));
        String queueName = params.string("outgoingQueue").orElse("postino-outgoing");
        if (queueName.isEmpty()) {
            throw new ConfigException("mailet " + getMailetName() + ": bad value for outgoingQueue='': must not be empty");
        }
        MailRepositoryUrl failedUrl = repositoryUrl(params, "failedRepository", "memory://var/mail/postino-failed/");
        MailRepositoryUrl deferredUrl = repositoryUrl(params, "deferredRepository", "memory://var/mail/postino-deferred/");
        MailRepositoryUrl doubleBounceUrl = repositoryUrl(params, "doubleBounceRepository",
            "memory://var/mail/postino-double-bounce/");

        PostinoProperties properties = PostinoProperties.load(workingDirectory().toPath());
        String heloName = properties.heloName().orElseGet(this::localHostName);
        courier = new SocketSmtpCourier(CourierConfig.builder()
            .maxIdleTime(idle)
            .maxTransactionsPerConnection(mailsPerConnection)
            .build());
        DestinationGuard guard = new DestinationGuard(perDestination, deadHostTime, clock);
        DeliveryEngine engine = new DeliveryEngine(routes, this::isLocalDomain,
            new DnsjavaMxResolver(properties.dnsServers(), properties.dnsTimeout()), courier,
            new MxSelection(Set.of(heloName.toLowerCase(java.util.Locale.ROOT)), maxMxHosts),
            new AddressSelection(preference, maxAddresses),
            guard,
            routes::password,
            new DeliveryEngine.Settings(heloName, tls, timeouts, properties.mxPort(), Duration.ofMinutes(5)),
            new Random());

        MailRepository failed = repository(failedUrl);
        MailRepository deferred = repository(deferredUrl);
        MailRepository doubleBounce = repository(doubleBounceUrl);
        queue = queueFactory.createQueue(MailQueueName.of(queueName));
        DsnSender dsnSender = new DsnSender(getMailetContext(), heloName, clock);
        ActionHandshake handshake = new ActionHandshake();
        worker = new DeliveryWorker(queue, engine, new RetryPolicy(retry, new Random()), retry.maxAge(),
            new ReceivedLoopPolicy(maxReceived), dsnSender, failed, deferred, doubleBounce, clock, threads,
            registry.metrics(), handshake);
        sweeper = new DeferredSweeper(deferred, queue, clock, sweepInterval);
        worker.start();
        sweeper.start();
        registered = new OutboundQueue(queueName, queue, deferred, failed, sweeper, guard, engine, dsnSender, courier,
            registry.metrics(), clock, handshake);
        registry.register(registered);
        LOGGER.info("RouteByMx ready: helo={} threads={} retry={} mxPort={}", heloName, threads, retry, properties.mxPort());
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        // The first attempt right here, while the spool still holds the mail (its copy in the
        // outgoing queue and the trip through it cost more than the attempt itself); queued when
        // every slot is taken, so a slow remote server never holds up more spool threads than that.
        boolean handled = false;
        if (immediateSlots.tryAcquire()) {
            try {
                handled = worker.attemptNow(mail);
            } finally {
                immediateSlots.release();
            }
        }
        if (!handled) {
            queue.enQueue(mail);
        }
        mail.setState(Mail.GHOST);
    }

    @Override
    public void destroy() {
        if (registered != null) {
            registry.deregister(registered);
        }
        if (sweeper != null) {
            sweeper.close();
        }
        if (worker != null) {
            worker.close();
        }
        if (courier != null) {
            courier.close();
        }
        if (queue != null) {
            try {
                queue.close();
            } catch (Exception e) {
                LOGGER.warn("closing the outgoing queue failed", e);
            }
        }
    }

    @Override
    public String getMailetInfo() {
        return "Postino: MX routing and delivery with retries and DSNs";
    }

    private ConfigValues parameters() {
        Map<String, String> values = new HashMap<>();
        for (Iterator<String> names = getInitParameterNames(); names.hasNext();) {
            String name = names.next();
            if (!JAMES_KEYS.contains(name)) {
                values.put(name, getInitParameter(name));
            }
        }
        Set<String> known = new HashSet<>(KEYS);
        known.addAll(RetryPolicyConfig.KEYS);
        return new ConfigValues("mailet " + getMailetName(), values).requireOnly(known);
    }

    private File workingDirectory() {
        try {
            return fileSystem.getBasedir();
        } catch (FileNotFoundException e) {
            throw new IllegalStateException("James has no working directory", e);
        }
    }

    private MailRepositoryUrl repositoryUrl(ConfigValues params, String key, String defaultUrl) {
        String url = params.string(key).orElse(defaultUrl);
        try {
            return MailRepositoryUrl.from(url);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("mailet " + getMailetName() + ": bad value for " + key + "='" + url + "': "
                + e.getMessage(), e);
        }
    }

    private MailRepository repository(MailRepositoryUrl url) throws MessagingException {
        try {
            return repositories.select(url);
        } catch (MailRepositoryStore.MailRepositoryStoreException | IllegalArgumentException e) {
            throw new ConfigException("mailet " + getMailetName() + ": cannot open mail repository " + url.asString()
                + ": " + e.getMessage(), e);
        }
    }

    private boolean isLocalDomain(String domain) {
        try {
            return domainList.containsDomain(Domain.of(domain));
        } catch (DomainListException e) {
            throw new IllegalStateException("cannot read the domain list", e);
        }
    }

    private String localHostName() {
        try {
            return dns.getHostName(dns.getLocalHost());
        } catch (Exception e) {
            return "localhost";
        }
    }
}
