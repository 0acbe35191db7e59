package dev.postino.mailets;

import java.time.Clock;
import java.util.UUID;

import javax.inject.Inject;
import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.postino.core.deliverability.HeaderCleanup;
import dev.postino.core.deliverability.OutgoingHeaderPolicy;
import dev.postino.deliverability.HeaderEdits;
import dev.postino.deliverability.HostIdentity;

/**
 * Cleans the header of mail leaving for a remote domain (see {@link OutgoingHeaderPolicy}):
 * removes {@code Bcc}, our internal {@code X-Postino-*} and {@code X-Spam-*} headers, adds a
 * missing {@code Message-ID}/{@code Date}, and, for mail our users submitted, drops the
 * {@code from} clause (their address and host name) of the topmost {@code Received}. Place it in
 * the relay processor before {@code SignDkim} and {@code RouteByMx}. Needs
 * {@code dev.postino.deliverability.DeliverabilityModule}.
 *
 * <table>
 * <caption>Init parameters (a bad value fails start-up naming it)</caption>
 * <tr><td>hideSubmitterAddress</td><td>true</td><td>{@code true}: our users' address and host name never leave in
 * the Received header; {@code false}: keep it (receivers see where the user was)</td></tr>
 * </table>
 *
 * <pre>{@code
 * <mailet match="All" class="dev.postino.mailets.CleanOutgoingHeaders">
 *     <hideSubmitterAddress>true</hideSubmitterAddress>
 * </mailet>
 * }</pre>
 */
public class CleanOutgoingHeaders extends GenericMailet {
    public static final String HIDE_SUBMITTER_ADDRESS = "hideSubmitterAddress";
    private static final Logger LOGGER = LoggerFactory.getLogger(CleanOutgoingHeaders.class);

    private final HostIdentity host;
    private final Clock clock;
    private OutgoingHeaderPolicy policy;

    @Inject
    public CleanOutgoingHeaders(HostIdentity host) {
        this(host, Clock.systemUTC());
    }

    CleanOutgoingHeaders(HostIdentity host, Clock clock) {
        this.host = host;
        this.clock = clock;
    }

    @Override
    public void init() throws MessagingException {
        boolean hide = MailetParameters.parameters(this, HIDE_SUBMITTER_ADDRESS).bool(HIDE_SUBMITTER_ADDRESS, true);
        policy = new OutgoingHeaderPolicy(host.hostName(), hide);
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        MimeMessage message = mail.getMessage();
        boolean submittedByUser = mail.getAttribute(Mail.SMTP_AUTH_USER).isPresent();
        HeaderCleanup cleanup = policy.outgoing(HeaderEdits.headerNames(message),
            HeaderEdits.firstValue(message, "Received"), submittedByUser, clock.instant(), UUID.randomUUID().toString());
        if (HeaderEdits.apply(message, cleanup)) {
            if (!cleanup.onlyDropsOurTags()) {
                LOGGER.info("mail={} sender={} outgoing headers cleaned: {}", mail.getName(), mail.getMaybeSender().asString(),
                    cleanup);
            } else {
                LOGGER.debug("mail={} our tags removed: {}", mail.getName(), cleanup);
            }
        }
    }

    @Override
    public String getMailetInfo() {
        return "Postino: removes Bcc and internal headers from outgoing mail";
    }
}
