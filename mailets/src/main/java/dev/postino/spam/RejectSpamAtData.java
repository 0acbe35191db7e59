package dev.postino.spam;

import java.io.FileNotFoundException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import javax.inject.Inject;

import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.filesystem.api.FileSystem;
import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.server.core.MimeMessageInputStream;
import org.apache.james.smtpserver.JamesMessageHook;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.postino.config.ConfigValues;
import dev.postino.core.spam.BayesClassifier;
import dev.postino.core.spam.BayesPoints;
import dev.postino.core.spam.CarriedScore;
import dev.postino.core.spam.SpamInput;
import dev.postino.core.spam.SpamScorer;
import dev.postino.core.spam.SpamThresholds;
import dev.postino.core.spam.SpamVerdict;
import dev.postino.core.spam.dnsbl.DnsblChecks;
import dev.postino.core.spam.mime.MimeReader;
import dev.postino.mailets.PostinoAttributes;

/**
 * Refuses spam at the end of DATA with {@code 550 5.7.1}, before James takes responsibility for
 * the mail: the sending server keeps it and tells its user, and we never generate a bounce for
 * spam (backscatter). Scores with the same classifier counts as {@code SpamCheck} (the same
 * {@code tokenStore}); only mail at or above {@code rejectThreshold} is refused, the rest goes on
 * to the mailet pipeline, which tags and files it. Here the client's HELO name is known, so the
 * HELO/From rule can fire. The score of mail it accepts travels on the mail as the attribute
 * {@code postino.spam.atData} ({@link CarriedScore}); {@code SpamCheck} completes it with the sender
 * authentication measured later instead of parsing, classifying and asking the blocklists again
 * — when both have the same {@code tokenStore}, {@code dnsblSites} and {@code uriblSites}. Refusals are counted as {@code postino_spam_rejected}, failures of
 * the check as {@code postino_spam_check_failed} ({@link SpamVerdictCounters}).
 *
 * <table>
 * <caption>Configuration (all optional; a bad value fails start-up naming it)</caption>
 * <tr><td>rejectThreshold</td><td>15.0</td><td>score at or above which DATA is refused</td></tr>
 * <tr><td>tokenStore</td><td>var/postino/spam-tokens</td><td>as SpamCheck's; keep them equal</td></tr>
 * <tr><td>saveInterval</td><td>5m</td><td>as SpamCheck's</td></tr>
 * <tr><td>failMode</td><td>open</td><td>check failed: {@code open} accepts, {@code closed} answers {@code 451 4.7.1} (the sender retries)</td></tr>
 * <tr><td>dnsblSites, uriblSites, dnsblTimeout</td><td>none, none, 5s</td><td>blocklists, as SpamCheck's; keep them equal</td></tr>
 * </table>
 *
 * Put it before {@code CoreCmdHandlerLoader}, whose hook queues the mail:
 * <pre>{@code
 * <handler class="dev.postino.spam.RejectSpamAtData">
 *     <rejectThreshold>15.0</rejectThreshold>
 * </handler>
 * <handler class="org.apache.james.smtpserver.CoreCmdHandlerLoader"/>
 * }</pre>
 */
public class RejectSpamAtData implements JamesMessageHook {
    private static final Logger LOGGER = LoggerFactory.getLogger(RejectSpamAtData.class);
    static final Set<String> KEYS = keys();
    // What we tell the client is short and generic; the reasons go to our log.
    static final HookResult REFUSED = HookResult.builder().hookReturnCode(HookReturnCode.deny())
        .smtpReturnCode("550").smtpDescription("5.7.1 Message refused as spam").build();
    static final HookResult TRY_LATER = HookResult.builder().hookReturnCode(HookReturnCode.denySoft())
        .smtpReturnCode("451").smtpDescription("4.7.1 Spam check unavailable, try again later").build();

    private final FileSystem fileSystem;
    private final SpamTokenStores stores;
    private final SpamVerdictCounters counters;
    private final DnsblResolver dnsblResolver;
    private final Clock clock = Clock.systemUTC();
    private final AtomicLong failures = new AtomicLong();

    private FileTokenStore store;
    private SpamScorer scorer;
    private FailMode failMode;
    private DnsblChecks dnsbl;
    private Duration dnsblTimeout;
    private String basis;

    @Inject
    public RejectSpamAtData(FileSystem fileSystem, SpamTokenStores stores, SpamVerdictCounters counters,
                            DnsblResolver dnsblResolver) {
        this.fileSystem = fileSystem;
        this.stores = stores;
        this.counters = counters;
        this.dnsblResolver = dnsblResolver;
    }

    private static Set<String> keys() {
        Set<String> keys = new HashSet<>(SpamSettings.COMMON_KEYS);
        keys.add(SpamSettings.REJECT_THRESHOLD);
        return Set.copyOf(keys);
    }

    @Override
    public void init(Configuration config) throws ConfigurationException {
        String source = "smtp handler " + RejectSpamAtData.class.getName();
        SpamSettings settings;
        try {
            settings = SpamSettings.parse(source, ConfigValues.ofHandler(RejectSpamAtData.class, config).requireOnly(KEYS),
                fileSystem.getBasedir().toPath());
            store = stores.open(settings.tokenStore(), settings.saveInterval());
        } catch (FileNotFoundException | RuntimeException e) {
            throw new ConfigurationException(e.getMessage(), e);
        }
        failMode = settings.failMode();
        // Only rejectThreshold acts here; the tag line is SpamCheck's, so it is set equal.
        double reject = settings.thresholds().reject();
        scorer = new SpamScorer(new BayesClassifier(store), settings.rules(), BayesPoints.defaults(),
            SpamThresholds.of(reject, reject));
        dnsbl = settings.dnsbl();
        dnsblTimeout = settings.dnsblTimeout();
        basis = settings.scoringBasis();
        LOGGER.info("RejectSpamAtData ready: store={} reject={} failMode={} blocklists={}", store.file(), reject,
            failMode, dnsbl);
    }

    @Override
    public HookResult onMessage(SMTPSession session, Mail mail) {
        Optional<String> helo = session.getAttachment(SMTPSession.CURRENT_HELO_NAME, ProtocolSession.State.Connection);
        SpamVerdict verdict;
        try (InputStream message = new MimeMessageInputStream(mail.getMessage())) {
            SpamInput input = SpamInputs.of(message.readNBytes(MimeReader.DEFAULT_MAX_BYTES), clock.instant(), helo);
            if (session.getUsername() == null) {
                input = input.withClientAddress(session.getRemoteAddress().getAddress().getHostAddress());
            }
            verdict = scorer.score(dnsblResolver.withListings(input, dnsbl, dnsblTimeout, failMode));
        } catch (Exception e) {
            long count = failures.incrementAndGet();
            counters.checkFailed();
            LOGGER.error("session={} remote={} spam check failed (failures={}) failMode={}: {}", session.getSessionID(),
                session.getRemoteAddress(), count, failMode, e.toString());
            return failMode == FailMode.CLOSED ? TRY_LATER : HookResult.DECLINED;
        }
        if (!verdict.shouldReject()) {
            mail.setAttribute(new Attribute(PostinoAttributes.SPAM_AT_DATA, AttributeValue.of(CarriedScore.of(verdict, basis).toText())));
            return HookResult.DECLINED;
        }
        LOGGER.info("session={} remote={} helo={} sender={} rcpts={} refused as spam: {}", session.getSessionID(),
            session.getRemoteAddress(), helo.orElse("-"), mail.getMaybeSender().asString(), mail.getRecipients(),
            verdict);
        counters.rejected();
        return REFUSED;
    }

    @Override
    public void destroy() {
        if (store != null) {
            stores.release(store);
            store = null;
        }
    }
}
