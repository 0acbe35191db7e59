package dev.postino.mailets;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.james.filesystem.api.FileSystem;
import org.apache.mailet.Attribute;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.postino.config.ConfigException;
import dev.postino.config.ConfigValues;
import dev.postino.core.spam.BayesClassifier;
import dev.postino.core.spam.BayesPoints;
import dev.postino.core.spam.CarriedScore;
import dev.postino.core.spam.SpamInput;
import dev.postino.core.spam.SpamScorer;
import dev.postino.core.spam.SpamVerdict;
import dev.postino.matchers.SpamAttributes;
import dev.postino.core.spam.dnsbl.DnsblChecks;
import dev.postino.spam.DnsblResolver;
import dev.postino.spam.FailMode;
import dev.postino.spam.FileTokenStore;
import dev.postino.spam.SpamHeaders;
import dev.postino.spam.SpamInputs;
import dev.postino.spam.SpamSettings;
import dev.postino.spam.SpamTokenStores;
import dev.postino.spam.SpamTraining;
import dev.postino.spam.SpamVerdictCounters;

/**
 * Scores every mail with the core {@link SpamScorer} (classifier plus rules), replaces any
 * {@code X-Spam-*} header with {@code X-Spam-Score}, {@code X-Spam-Level}, {@code X-Spam-Status} and
 * {@code X-Spam-Report}, and sets the attributes {@code postino.spam.judged} (Boolean),
 * {@code postino.spam.score} (Double) and {@code postino.spam.status} (String) for the
 * {@code dev.postino.matchers.IsSpam} matcher. Mail that {@code RejectSpamAtData} scored at the end of
 * DATA (port 25) carries that score ({@code postino.spam.atData}): when the hook has the same
 * {@code tokenStore}, {@code dnsblSites} and {@code uriblSites}, it is completed with the sender
 * authentication measured since and judged against {@code tagThreshold}, not computed again. It only tags: filing into Junk, quarantine and
 * refusal are configured after it (see README "Spam checks"). Counts its verdicts as
 * {@code postino_spam_ham}, {@code postino_spam_tagged} and {@code postino_spam_check_failed}
 * ({@link SpamVerdictCounters}).
 *
 * <table>
 * <caption>Init parameters (all optional; a bad value fails start-up naming it)</caption>
 * <tr><td>tagThreshold</td><td>5.0</td><td>score at or above which mail is spam ({@code required=})</td></tr>
 * <tr><td>tokenStore</td><td>var/postino/spam-tokens</td><td>the classifier's counts, relative to James's working directory</td></tr>
 * <tr><td>saveInterval</td><td>5m</td><td>how often a changed store is saved (and always at shutdown)</td></tr>
 * <tr><td>trainingDirectory</td><td>none</td><td>{@code spam/} and {@code ham/} of raw messages learned at start-up when the store has learned nothing yet</td></tr>
 * <tr><td>failMode</td><td>open</td><td>when the check itself fails: {@code open} passes the mail on unscored, {@code closed} sends it to {@code errorProcessor}</td></tr>
 * <tr><td>errorProcessor</td><td>error</td><td>where {@code failMode=closed} parks mail (kept, never lost)</td></tr>
 * <tr><td>dnsblSites</td><td>none</td><td>DNSBL zones for the client address, Postfix syntax
 *     {@code zen.example.org=127.0.0.[2..11]*3, bl.example.net*2}; each listing adds its weight
 *     (not asked for authenticated senders)</td></tr>
 * <tr><td>uriblSites</td><td>none</td><td>URI blocklist zones for the domains of the message's links, same syntax</td></tr>
 * <tr><td>dnsblTimeout</td><td>5s</td><td>all lookups of one mail together; past it, {@code failMode} decides</td></tr>
 * </table>
 *
 * <pre>{@code
 * <mailet match="All" class="dev.postino.mailets.SpamCheck">
 *     <tagThreshold>5.0</tagThreshold>
 *     <failMode>open</failMode>
 *     <dnsblSites>zen.example.org=127.0.0.[2..11]*3</dnsblSites>
 * </mailet>
 * }</pre>
 */
public class SpamCheck extends GenericMailet {
    private static final Logger LOGGER = LoggerFactory.getLogger(SpamCheck.class);
    static final Set<String> KEYS = keys();
    private static final Set<String> JAMES_KEYS = Set.of("onMailetException", "onMatchException");

    private final FileSystem fileSystem;
    private final SpamTokenStores stores;
    private final SpamVerdictCounters counters;
    private final DnsblResolver dnsblResolver;
    private final Clock clock;
    private final AtomicLong failures = new AtomicLong();

    private FileTokenStore store;
    private SpamScorer scorer;
    private FailMode failMode;
    private String errorProcessor;
    private DnsblChecks dnsbl;
    private Duration dnsblTimeout;
    private String basis;

    @Inject
    public SpamCheck(FileSystem fileSystem, SpamTokenStores stores, SpamVerdictCounters counters,
                     DnsblResolver dnsblResolver) {
        this(fileSystem, stores, counters, dnsblResolver, Clock.systemUTC());
    }

    SpamCheck(FileSystem fileSystem, SpamTokenStores stores, SpamVerdictCounters counters, DnsblResolver dnsblResolver,
              Clock clock) {
        this.fileSystem = fileSystem;
        this.stores = stores;
        this.counters = counters;
        this.dnsblResolver = dnsblResolver;
        this.clock = clock;
    }

    private static Set<String> keys() {
        Set<String> keys = new HashSet<>(SpamSettings.COMMON_KEYS);
        keys.addAll(Set.of(SpamSettings.TAG_THRESHOLD, SpamSettings.TRAINING_DIRECTORY, "errorProcessor"));
        return Set.copyOf(keys);
    }

    @Override
    public void init() throws MessagingException {
        String source = "mailet " + getMailetName();
        ConfigValues params = parameters(source);
        SpamSettings settings = SpamSettings.parse(source, params, workingDirectory());
        failMode = settings.failMode();
        errorProcessor = params.string("errorProcessor").orElse(Mail.ERROR);
        if (errorProcessor.isEmpty()) {
            throw new ConfigException(source + ": bad value for errorProcessor='': a processor name is needed");
        }
        try {
            store = stores.open(settings.tokenStore(), settings.saveInterval());
        } catch (RuntimeException e) {
            throw new ConfigException(source + ": bad value for " + SpamSettings.TOKEN_STORE + "='"
                + settings.tokenStore() + "': " + e.getMessage(), e);
        }
        BayesClassifier classifier = new BayesClassifier(store);
        if (settings.trainingDirectory().isPresent()) {
            train(source, classifier, settings.trainingDirectory().get());
        }
        scorer = new SpamScorer(classifier, settings.rules(), BayesPoints.defaults(), settings.thresholds());
        dnsbl = settings.dnsbl();
        dnsblTimeout = settings.dnsblTimeout();
        basis = settings.scoringBasis();
        LOGGER.info("SpamCheck ready: store={} trained={} tag={} failMode={} blocklists={}", store.file(),
            classifier.isTrained(), settings.thresholds().tag(), failMode, dnsbl);
    }

    private void train(String source, BayesClassifier classifier, Path dir) {
        // Only a store that learned nothing is seeded: a restart must not learn the same mail twice.
        if (store.totals().spam() + store.totals().ham() > 0) {
            LOGGER.info("SpamCheck: {} already trained, {} not learned again", store.file(), dir);
            return;
        }
        try {
            SpamTraining.Learned learned = SpamTraining.learnDirectory(classifier, dir,
                skipped -> LOGGER.warn("SpamCheck: training file {}", skipped));
            store.save();
            LOGGER.info("SpamCheck: learned {} from {}", learned, dir);
        } catch (IOException e) {
            throw new ConfigException(source + ": bad value for " + SpamSettings.TRAINING_DIRECTORY + "='" + dir
                + "': " + e.getMessage(), e);
        }
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        SpamVerdict verdict;
        try {
            Optional<CarriedScore> atData = carriedScore(mail);
            verdict = atData.isPresent() ? scorer.complete(atData.get(), SpamInputs.senderAuthentication(mail))
                : score(mail);
            SpamHeaders.write(mail.getMessage(), verdict);
        } catch (Exception e) {
            // Catch Exception, never Error: a failing check must not lose or bounce the mail.
            long count = failures.incrementAndGet();
            counters.checkFailed();
            LOGGER.error("mail={} spam check failed (failures={}) failMode={}: {}", mail.getName(), count,
                failMode.name().toLowerCase(java.util.Locale.ROOT), e.toString());
            if (failMode == FailMode.CLOSED) {
                mail.setState(errorProcessor);
            }
            return;
        }
        SpamAttributes.setVerdict(mail, verdict.isSpam(), verdict.score(), verdict.statusHeaderValue());
        if (verdict.isSpam()) {
            counters.tagged();
        } else {
            counters.ham();
        }
        LOGGER.info("mail={} sender={} spam={}", mail.getName(), mail.getMaybeSender().asString(), verdict);
    }

    /** What RejectSpamAtData scored at the end of DATA, taken off the mail (used once). */
    private Optional<CarriedScore> carriedScore(Mail mail) {
        Optional<Attribute> attribute = mail.removeAttribute(PostinoAttributes.SPAM_AT_DATA);
        if (attribute.isEmpty()) {
            return Optional.empty();
        }
        Optional<CarriedScore> carried = CarriedScore.parse(String.valueOf(attribute.get().getValue().value()));
        if (carried.isEmpty()) {
            LOGGER.warn("mail={} unreadable {} attribute; scoring the message again", mail.getName(),
                PostinoAttributes.SPAM_AT_DATA.asString());
        }
        // Scored with another store or other blocklists (the hook's settings differ): score here.
        return carried.filter(score -> score.hasBasis(basis));
    }

    private SpamVerdict score(Mail mail) throws MessagingException, DnsblResolver.Unavailable {
        SpamInput input = SpamInputs.of(mail, clock.instant());
        if (mail.getAttribute(Mail.SMTP_AUTH_USER).isEmpty()) {
            // An authenticated user's address is often a dynamic one that blocklists list on purpose.
            input = input.withClientAddress(mail.getRemoteAddr());
        }
        return scorer.score(dnsblResolver.withListings(input, dnsbl, dnsblTimeout, failMode));
    }

    @Override
    public void destroy() {
        if (store != null) {
            stores.release(store);
            store = null;
        }
    }

    @Override
    public String getMailetInfo() {
        return "Postino: spam scoring and X-Spam-* headers";
    }

    private ConfigValues parameters(String source) {
        Map<String, String> values = new HashMap<>();
        for (Iterator<String> names = getInitParameterNames(); names.hasNext();) {
            String name = names.next();
            if (!JAMES_KEYS.contains(name)) {
                values.put(name, getInitParameter(name));
            }
        }
        return new ConfigValues(source, values).requireOnly(KEYS);
    }

    private Path workingDirectory() {
        try {
            return fileSystem.getBasedir().toPath();
        } catch (FileNotFoundException e) {
            throw new IllegalStateException("James has no working directory", e);
        }
    }
}
