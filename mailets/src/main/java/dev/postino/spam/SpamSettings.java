package dev.postino.spam;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.postino.config.ConfigException;
import dev.postino.config.ConfigValues;
import dev.postino.core.retry.DurationText;
import dev.postino.core.spam.SpamRule;
import dev.postino.core.spam.SpamRules;
import dev.postino.core.spam.SpamThresholds;
import dev.postino.core.spam.dnsbl.DnsblChecks;
import dev.postino.core.spam.dnsbl.DnsblSites;

/**
 * The spam settings both shells read, parsed strictly from their parameters: a bad value fails
 * start-up naming the key. Paths are resolved against James's working directory.
 */
public final class SpamSettings {
    public static final String TOKEN_STORE = "tokenStore";
    public static final String SAVE_INTERVAL = "saveInterval";
    public static final String TAG_THRESHOLD = "tagThreshold";
    public static final String REJECT_THRESHOLD = "rejectThreshold";
    public static final String FAIL_MODE = "failMode";
    public static final String TRAINING_DIRECTORY = "trainingDirectory";
    public static final String DNSBL_SITES = "dnsblSites";
    public static final String URIBL_SITES = "uriblSites";
    public static final String DNSBL_TIMEOUT = "dnsblTimeout";
    public static final Duration DEFAULT_DNSBL_TIMEOUT = Duration.ofSeconds(5);
    /** The longest {@code dnsblTimeout}: half the time a client waits for the reply to its final dot. */
    public static final Duration MAX_DNSBL_TIMEOUT = Duration.ofMinutes(5);
    /** Keys both shells read; each adds its own. */
    public static final Set<String> COMMON_KEYS = Set.of(TOKEN_STORE, SAVE_INTERVAL, FAIL_MODE,
        DNSBL_SITES, URIBL_SITES, DNSBL_TIMEOUT);
    public static final String DEFAULT_TOKEN_STORE = "var/postino/spam-tokens";
    public static final Duration DEFAULT_SAVE_INTERVAL = Duration.ofMinutes(5);

    private final Path tokenStore;
    private final Duration saveInterval;
    private final SpamThresholds thresholds;
    private final FailMode failMode;
    private final Path trainingDirectory;
    private final DnsblChecks dnsbl;
    private final Duration dnsblTimeout;

    private SpamSettings(Path tokenStore, Duration saveInterval, SpamThresholds thresholds, FailMode failMode,
                         Path trainingDirectory, DnsblChecks dnsbl, Duration dnsblTimeout) {
        this.tokenStore = tokenStore;
        this.saveInterval = saveInterval;
        this.thresholds = thresholds;
        this.failMode = failMode;
        this.trainingDirectory = trainingDirectory;
        this.dnsbl = dnsbl;
        this.dnsblTimeout = dnsblTimeout;
    }

    public static SpamSettings parse(String source, ConfigValues values, Path workingDirectory) {
        Path store = workingDirectory.resolve(values.string(TOKEN_STORE).orElse(DEFAULT_TOKEN_STORE)).normalize();
        Duration saveInterval = values.positiveDuration(SAVE_INTERVAL, DEFAULT_SAVE_INTERVAL);
        double tag = number(source, values, TAG_THRESHOLD, SpamThresholds.DEFAULT_TAG);
        double reject = number(source, values, REJECT_THRESHOLD, Math.max(tag, SpamThresholds.DEFAULT_REJECT));
        SpamThresholds thresholds;
        try {
            thresholds = SpamThresholds.of(tag, reject);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(source + ": bad values for " + TAG_THRESHOLD + "/" + REJECT_THRESHOLD
                + ": " + e.getMessage(), e);
        }
        FailMode failMode = values.choice(FAIL_MODE, FailMode.OPEN, FailMode.class);
        Path training = values.string(TRAINING_DIRECTORY).map(dir -> workingDirectory.resolve(dir).normalize()).orElse(null);
        DnsblChecks dnsbl = new DnsblChecks(sites(source, values, DNSBL_SITES), sites(source, values, URIBL_SITES));
        Duration dnsblTimeout = values.positiveDuration(DNSBL_TIMEOUT, DEFAULT_DNSBL_TIMEOUT);
        if (dnsblTimeout.compareTo(MAX_DNSBL_TIMEOUT) > 0) {
            // RejectSpamAtData holds the reply to the final dot while it waits, and a client waits 10
            // minutes for that reply (RFC 5321 §4.5.3.2.6): past it, the client gives up and sends the
            // mail again while we still accept it. (999999999d also overflowed: every check failed.)
            throw new ConfigException(source + ": bad value for " + DNSBL_TIMEOUT + "='"
                + values.string(DNSBL_TIMEOUT).orElse("") + "': must be at most " + DurationText.format(MAX_DNSBL_TIMEOUT));
        }
        return new SpamSettings(store, saveInterval, thresholds, failMode, training, dnsbl, dnsblTimeout);
    }

    private static DnsblSites sites(String source, ConfigValues values, String key) {
        Optional<String> text = values.string(key);
        if (text.isEmpty()) {
            return DnsblSites.none();
        }
        try {
            return DnsblSites.parse(text.get());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(source + ": bad value for " + key + "='" + text.get() + "': " + e.getMessage(), e);
        }
    }

    private static double number(String source, ConfigValues values, String key, double defaultValue) {
        Optional<String> text = values.string(key);
        if (text.isEmpty()) {
            return defaultValue;
        }
        try {
            double value = Double.parseDouble(text.get());
            if (Double.isNaN(value) || Double.isInfinite(value)) {
                throw new NumberFormatException("not finite");
            }
            return value;
        } catch (NumberFormatException e) {
            throw new ConfigException(source + ": bad value for " + key + "='" + text.get()
                + "': expected a score such as 5.0", e);
        }
    }

    public Path tokenStore() {
        return tokenStore;
    }

    public Duration saveInterval() {
        return saveInterval;
    }

    public SpamThresholds thresholds() {
        return thresholds;
    }

    public FailMode failMode() {
        return failMode;
    }

    public Optional<Path> trainingDirectory() {
        return Optional.ofNullable(trainingDirectory);
    }

    /** The client-address (DNSBL) and link-domain (URI blocklist) checks; none when not configured. */
    public DnsblChecks dnsbl() {
        return dnsbl;
    }

    public Duration dnsblTimeout() {
        return dnsblTimeout;
    }

    /**
     * What a score depends on besides the message and the thresholds: the token store and the
     * blocklists. RejectSpamAtData's score is reused by SpamCheck only when both describe the same.
     */
    public String scoringBasis() {
        return "store=" + tokenStore + " " + dnsbl;
    }

    /** The default rules plus one per configured blocklist zone. */
    public List<SpamRule> rules() {
        List<SpamRule> rules = new ArrayList<>(SpamRules.defaults());
        rules.addAll(dnsbl.rules());
        return rules;
    }
}
