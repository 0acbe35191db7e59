package dev.postino.smtp;

import java.time.Duration;
import java.util.Set;

import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.ConnectHandler;
import org.apache.james.protocols.smtp.SMTPSession;

import dev.postino.config.ConfigException;
import dev.postino.config.ConfigValues;
import dev.postino.core.retry.DurationText;

/**
 * Bounds how long a client may take, however slowly it trickles bytes: one command line, the
 * DATA phase (from {@code 354} to the final dot), the whole session. Past a bound the client
 * gets {@code 421 4.4.2 … Error: timeout exceeded} and the connection is closed; a message not
 * yet ended by its dot is not stored.
 *
 * <p>James's {@code connectiontimeout} is an idle timeout: a client sending one byte every few
 * seconds never reaches it and holds a connection (and one of {@code connectionLimitPerIP}) for
 * ever. Postfix bounds each read by {@code smtpd_timeout}; here the bounds are on whole lines and
 * phases, the way a slowloris defence needs them. RFC 5321 §4.5.3.2 asks servers to wait at
 * least 5 minutes for a command, hence the default.
 *
 * <table>
 * <caption>Init parameters (all optional; a bad value fails start-up naming it)</caption>
 * <tr><td>commandTimeout</td><td>5m</td><td>from the previous line (or the greeting) to the end of the next command line</td></tr>
 * <tr><td>dataTimeout</td><td>30m</td><td>from the DATA command to the final dot (25 MiB at about 120 kbit/s)</td></tr>
 * <tr><td>sessionTimeout</td><td>1h</td><td>from connect to QUIT</td></tr>
 * </table>
 *
 * <pre>{@code
 * <handler class="dev.postino.smtp.EnforceSmtpTimeouts">
 *     <commandTimeout>5m</commandTimeout>
 *     <dataTimeout>30m</dataTimeout>
 *     <sessionTimeout>1h</sessionTimeout>
 * </handler>
 * }</pre>
 * Start-up also fails if this James's Netty transport cannot be reached ({@link SmtpChannel}).
 */
public class EnforceSmtpTimeouts implements ConnectHandler<SMTPSession> {
    static final String COMMAND_TIMEOUT = "commandTimeout";
    static final String DATA_TIMEOUT = "dataTimeout";
    static final String SESSION_TIMEOUT = "sessionTimeout";
    private static final Set<String> KEYS = Set.of(COMMAND_TIMEOUT, DATA_TIMEOUT, SESSION_TIMEOUT);
    /** The longest bound accepted: ten years is "never" for an SMTP session. */
    static final Duration MAX_TIMEOUT = Duration.ofDays(3650);

    private SessionDeadlines.Limits limits = new SessionDeadlines.Limits(
        Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofHours(1));

    @Override
    public void init(Configuration config) throws ConfigurationException {
        try {
            ConfigValues settings = ConfigValues.ofHandler(EnforceSmtpTimeouts.class, config).requireOnly(KEYS);
            limits = new SessionDeadlines.Limits(
                bounded(settings, COMMAND_TIMEOUT, limits.command()),
                bounded(settings, DATA_TIMEOUT, limits.data()),
                bounded(settings, SESSION_TIMEOUT, limits.session()));
        } catch (RuntimeException e) {
            throw new ConfigurationException(e.getMessage(), e);
        }
        SmtpChannel.requireReachable(EnforceSmtpTimeouts.class.getName());
    }

    /**
     * A timeout of at most {@link #MAX_TIMEOUT}: deadlines are {@code System.nanoTime()} values, and
     * a bound past 292 years does not fit one (every connection would fail as it opened).
     */
    private static Duration bounded(ConfigValues settings, String key, Duration defaultValue) {
        Duration value = settings.positiveDuration(key, defaultValue);
        if (value.compareTo(MAX_TIMEOUT) > 0) {
            throw new ConfigException("smtp handler " + EnforceSmtpTimeouts.class.getName() + ": bad value for " + key
                + "='" + settings.string(key).orElse("") + "': must be at most " + DurationText.format(MAX_TIMEOUT));
        }
        return value;
    }

    SessionDeadlines.Limits limits() {
        return limits;
    }

    @Override
    public Response onConnect(SMTPSession session) {
        SmtpChannel.install(session, "postinoDeadlines", new SessionDeadlines(session, limits));
        return SmtpChannel.NOTHING_TO_SAY;
    }
}
