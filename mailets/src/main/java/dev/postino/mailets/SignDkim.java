package dev.postino.mailets;

import java.util.Locale;
import java.util.Optional;

import javax.inject.Inject;
import javax.mail.MessagingException;
import javax.mail.internet.AddressException;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeMessage;

import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.postino.core.deliverability.SenderAuthentication;
import dev.postino.deliverability.DkimKey;
import dev.postino.deliverability.DkimKeyStore;
import dev.postino.deliverability.DkimSigning;
import dev.postino.deliverability.HeaderEdits;
import dev.postino.deliverability.HostIdentity;

/**
 * DKIM-signs mail leaving for a remote domain with the key of its {@code From:} domain (the
 * domain DMARC aligns with, RFC 7489 §3.1.1), from {@link DkimKeyStore}
 * ({@code POST /postino/domains/{domain}/dkim} makes one). Mail whose From domain has no key
 * leaves unsigned (logged), and so does mail that came in from another server and is forwarded
 * on: only our users' and our own mail gets our signature. A message whose Content-Type javax.mail
 * cannot parse ({@code text/plain; charset}, a boundary missing from the body) is signed as it is:
 * DKIM signs the header and body bytes, no MIME parse is needed. A signing failure lets the mail
 * leave unsigned too, logged as an error: an unsigned mail is better than a lost one. Place it in the relay processor after
 * {@code CleanOutgoingHeaders} and right before {@code RouteByMx}: nothing may change the
 * message after it. No init parameters; needs {@code dev.postino.deliverability.DeliverabilityModule}.
 *
 * <pre>{@code
 * <mailet match="All" class="dev.postino.mailets.SignDkim"/>
 * }</pre>
 */
public class SignDkim extends GenericMailet {
    private static final Logger LOGGER = LoggerFactory.getLogger(SignDkim.class);

    private final DkimKeyStore keys;
    private final HostIdentity host;

    @Inject
    public SignDkim(DkimKeyStore keys, HostIdentity host) {
        this.keys = keys;
        this.host = host;
    }

    @Override
    public void init() throws MessagingException {
        MailetParameters.refuseParameters(this);
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        MimeMessage message = mail.getMessage();
        if (arrivedFromAnotherServer(message)) {
            LOGGER.info("mail={} not DKIM-signed: it came in from another server (forwarded), and we sign only "
                + "our users' and our own mail", mail.getName());
            return;
        }
        Optional<String> domain = fromDomain(message);
        Optional<DkimKey> key;
        try {
            key = domain.flatMap(keys::key);
        } catch (RuntimeException e) {
            LOGGER.error("mail={} from={} not DKIM-signed: {}", mail.getName(), domain.orElse("?"), e.getMessage());
            return;
        }
        if (key.isEmpty()) {
            LOGGER.info("mail={} from={} not DKIM-signed: no key for that domain", mail.getName(), domain.orElse("(none)"));
            return;
        }
        try {
            HeaderEdits.prepend(message, DkimSigning.signatureHeader(message, key.get()));
            // Saved now, as it was signed: James would save it again when writing it out, and for a message
            // javax.mail cannot parse ('text/plain; charset') that save would fail the delivery.
            HeaderEdits.save(message);
            LOGGER.info("mail={} DKIM-signed d={} s={}", mail.getName(), key.get().domain(), key.get().selector());
        } catch (MessagingException | RuntimeException e) {
            LOGGER.error("mail={} d={} DKIM signing failed, sent unsigned: {}", mail.getName(), key.get().domain(), e.toString());
        }
    }

    /**
     * {@code CheckSenderAuthentication} puts our {@code Authentication-Results} on every mail that
     * arrives from another server, and removes any that claims our name; the field travels with the
     * message into every copy a forward (address forwards, Sieve {@code redirect}) makes of it. Such
     * a mail keeps its author's signature, if any, but never gets ours: signing it would let anyone
     * who writes {@code From: ceo@our-domain} to a forwarding user obtain our domain's signature on
     * their text (and pass DMARC with it wherever it is forwarded or replayed).
     */
    private boolean arrivedFromAnotherServer(MimeMessage message) throws MessagingException {
        String[] results = message.getHeader("Authentication-Results");
        if (results == null) {
            return false;
        }
        for (String value : results) {
            if (SenderAuthentication.claimsAuthservId(value, host.hostName())) {
                return true;
            }
        }
        return false;
    }

    /** The domain of the (first) From address, lower case. */
    static Optional<String> fromDomain(MimeMessage message) throws MessagingException {
        String[] from = message.getHeader("From");
        if (from == null || from.length == 0) {
            return Optional.empty();
        }
        try {
            InternetAddress[] addresses = InternetAddress.parseHeader(from[0], false);
            if (addresses.length == 0 || addresses[0].getAddress() == null || !addresses[0].getAddress().contains("@")) {
                return Optional.empty();
            }
            String address = addresses[0].getAddress();
            return Optional.of(address.substring(address.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT));
        } catch (AddressException e) {
            return Optional.empty();
        }
    }

    @Override
    public String getMailetInfo() {
        return "Postino: DKIM signing with a key per From domain";
    }
}
