package dev.postino.mailets;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import javax.inject.Inject;
import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeUtils;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.postino.core.deliverability.SenderAuthentication;
import dev.postino.deliverability.HeaderEdits;
import dev.postino.deliverability.HostIdentity;
import dev.postino.deliverability.SenderVerifier;
import dev.postino.deliverability.TxtResolver;

/**
 * Verifies SPF, DKIM and DMARC of mail arriving from other servers (port 25) and writes the
 * results on top of the message as {@code Authentication-Results} (RFC 8601) under our authserv-id,
 * the {@code helo.name}. Any {@code Authentication-Results} already in the message that claims
 * our authserv-id is removed first (RFC 8601 §5: only we speak for us). The results also go to the
 * spam check as the attribute {@code postino.auth.results} ({@code SPF_FAIL}, {@code DKIM_INVALID},
 * {@code DMARC_FAIL}). It only measures; a failed lookup is {@code temperror}, never a lost mail.
 * DNS: the {@code dns.servers} of postino.properties.
 *
 * <p>Place it first in the root processor, before anything rewrites the message (a rewrite can
 * break a DKIM signature), for mail that is neither authenticated nor ours. No init parameters;
 * needs {@code dev.postino.deliverability.DeliverabilityModule}.
 *
 * <pre>{@code
 * <matcher name="inbound" match="org.apache.james.mailetcontainer.impl.matchers.Not">
 *     <matcher match="org.apache.james.mailetcontainer.impl.matchers.Or">
 *         <matcher match="SMTPAuthSuccessful"/>
 *         <matcher match="SentByMailet"/>
 *     </matcher>
 * </matcher>
 * <mailet match="inbound" class="dev.postino.mailets.CheckSenderAuthentication"/>
 * }</pre>
 */
public class CheckSenderAuthentication extends GenericMailet {
    private static final Logger LOGGER = LoggerFactory.getLogger(CheckSenderAuthentication.class);

    private final HostIdentity host;
    private SenderVerifier verifier;

    @Inject
    public CheckSenderAuthentication(HostIdentity host) {
        this.host = host;
    }

    @Override
    public void init() throws MessagingException {
        MailetParameters.refuseParameters(this);
        verifier = new SenderVerifier(new TxtResolver(host.properties().dnsServers(), host.properties().dnsTimeout()));
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        MimeMessage message = mail.getMessage();
        String helo = AttributeUtils.getValueAndCastFromMail(mail, Mail.SMTP_HELO, String.class).orElse(mail.getRemoteHost());
        SenderAuthentication results;
        try {
            results = verifier.verify(message, mail.getRemoteAddr(), mail.getMaybeSender().asString(""), helo,
                SignDkim.fromDomain(message));
        } catch (MessagingException | RuntimeException e) {
            // Measuring failed: the mail goes on unmeasured (no results, no points), never lost.
            LOGGER.error("mail={} sender authentication not checked: {}", mail.getName(), e.toString());
            return;
        }
        String header = "Authentication-Results: " + results.authenticationResults(host.hostName());
        List<String> lines = new ArrayList<>();
        lines.add(header);
        for (String line : Collections.list(message.getAllHeaderLines())) {
            if (!isOurs(line)) {
                lines.add(line);
            }
        }
        HeaderEdits.replaceAll(message, lines);
        mail.setAttribute(new Attribute(PostinoAttributes.SENDER_AUTHENTICATION, AttributeValue.of(results.toText())));
        LOGGER.info("mail={} ip={} sender={} {}", mail.getName(), mail.getRemoteAddr(), mail.getMaybeSender().asString(),
            results.toText());
    }

    private boolean isOurs(String headerLine) {
        int colon = headerLine.indexOf(':');
        return colon > 0 && headerLine.substring(0, colon).trim().equalsIgnoreCase("Authentication-Results")
            && SenderAuthentication.claimsAuthservId(headerLine.substring(colon + 1), host.hostName());
    }

    @Override
    public String getMailetInfo() {
        return "Postino: SPF, DKIM and DMARC of inbound mail into Authentication-Results";
    }
}
