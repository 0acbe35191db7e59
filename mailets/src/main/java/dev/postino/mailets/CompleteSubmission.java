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
 * Adds the {@code Message-ID} and {@code Date} a submitting client left out (RFC 6409 §8.2,
 * §8.3); the Message-ID's domain is our {@code helo.name}. Place it in the root processor for
 * authenticated submissions, <em>before</em> any mailet that rewrites the message (our spam check
 * does): javax.mail would otherwise invent a Message-ID naming the machine's local host name.
 * No init parameters; needs {@code dev.postino.deliverability.DeliverabilityModule}.
 *
 * <pre>{@code
 * <mailet match="SMTPAuthSuccessful" class="dev.postino.mailets.CompleteSubmission"/>
 * }</pre>
 */
public class CompleteSubmission extends GenericMailet {
    private static final Logger LOGGER = LoggerFactory.getLogger(CompleteSubmission.class);

    private final HostIdentity host;
    private final Clock clock;
    private OutgoingHeaderPolicy policy;

    @Inject
    public CompleteSubmission(HostIdentity host) {
        this(host, Clock.systemUTC());
    }

    CompleteSubmission(HostIdentity host, Clock clock) {
        this.host = host;
        this.clock = clock;
    }

    @Override
    public void init() throws MessagingException {
        MailetParameters.refuseParameters(this);
        policy = new OutgoingHeaderPolicy(host.hostName(), false);
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        MimeMessage message = mail.getMessage();
        HeaderCleanup cleanup = policy.submission(HeaderEdits.headerNames(message), clock.instant(),
            UUID.randomUUID().toString());
        if (HeaderEdits.apply(message, cleanup)) {
            LOGGER.info("mail={} sender={} submission completed: {}", mail.getName(), mail.getMaybeSender().asString(), cleanup);
        }
    }

    @Override
    public String getMailetInfo() {
        return "Postino: adds Message-ID and Date to submitted mail";
    }
}
