package dev.postino.delivery;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.server.core.MailImpl;
import org.apache.mailet.DsnParameters;
import org.apache.mailet.Mail;
import org.apache.mailet.MailetContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.postino.core.dsn.DsnComposer;
import dev.postino.core.dsn.DsnRecipient;
import dev.postino.core.dsn.DsnRequest;
import dev.postino.core.dsn.Notify;
import dev.postino.core.dsn.NotifyDecision;
import dev.postino.core.dsn.NotifyPolicy;
import dev.postino.core.retry.AttemptResult;
import dev.postino.mailets.PostinoAttributes;

/**
 * Sends RFC 3464 DSNs for a mail: composes them in core ({@link DsnComposer}), honours NOTIFY,
 * the null sender and the spam verdict ({@link NotifyPolicy}), and hands the DSN to James's
 * pipeline from {@code <>} to the envelope sender, so a local sender finds it in their INBOX and
 * a remote one gets it through MX delivery.
 */
public final class DsnSender {
    private static final Logger LOGGER = LoggerFactory.getLogger(DsnSender.class);

    private final MailetContext context;
    private final String reportingHost;
    private final DsnComposer composer = new DsnComposer();
    private final NotifyPolicy notifyPolicy = new NotifyPolicy();
    private final Clock clock;

    public DsnSender(MailetContext context, String reportingHost, Clock clock) {
        this.context = context;
        this.reportingHost = reportingHost;
        this.clock = clock;
    }

    /**
     * @return the recipients named in the DSN sent, empty when none was sent (and why is logged)
     */
    public List<String> send(Mail mail, DsnRequest.Kind kind, List<AttemptResult> results, Instant arrival,
                             Optional<Instant> willRetryUntil, Map<String, String> details) {
        NotifyPolicy.Event event = kind.isSuccess() ? NotifyPolicy.Event.SUCCESS
            : kind == DsnRequest.Kind.FAILED ? NotifyPolicy.Event.FAILURE : NotifyPolicy.Event.DELAY;
        Optional<String> reversePath = mail.getMaybeSender().asOptional().map(MailAddress::asString);
        // Spam is never bounced: its sender is almost always forged. Not so for an authenticated
        // user's mail (the only such spam that gets here was released from quarantine by the admin):
        // its sender is verified, and must hear that it failed.
        boolean spam = (PostinoAttributes.flag(mail, PostinoAttributes.JUDGED_SPAM)
                && mail.getAttribute(Mail.SMTP_AUTH_USER).isEmpty())
            || PostinoAttributes.flag(mail, PostinoAttributes.IS_DSN);
        Optional<DsnParameters> dsn = mail.dsnParameters();
        List<DsnRecipient> named = new ArrayList<>();
        List<String> suppressed = new ArrayList<>();
        for (AttemptResult result : results) {
            Optional<DsnParameters.RecipientDsnParameters> rcpt = recipientParameters(dsn, result.recipient());
            NotifyDecision decision = notifyPolicy.decide(event, reversePath,
                spam, rcpt.flatMap(DsnParameters.RecipientDsnParameters::getNotifyParameter).map(DsnSender::toNotify));
            if (!decision.send()) {
                suppressed.add(result.recipient() + " (" + decision.reason() + ")");
                continue;
            }
            DsnRecipient recipient = DsnRecipient.of(result.recipient(), result.status(), result.at());
            if (result.reply().isPresent()) {
                recipient = recipient.withReply(result.reply().get());
            }
            if (result.remoteMta().isPresent()) {
                recipient = recipient.withRemoteMta(result.remoteMta().get());
            }
            String detail = details.getOrDefault(result.recipient(), result.detail().orElse(null));
            if (detail != null && !detail.isEmpty()) {
                recipient = recipient.withDetail(detail);
            }
            Optional<MailAddress> orcpt = rcpt.flatMap(DsnParameters.RecipientDsnParameters::getOrcptParameter);
            if (orcpt.isPresent()) {
                recipient = recipient.withOriginalRecipient("rfc822;" + xtextDecoded(orcpt.get().asString()));
            }
            named.add(recipient);
        }
        if (!suppressed.isEmpty()) {
            LOGGER.info("mail={} no {} DSN for {}", mail.getName(), kind, suppressed);
        }
        if (named.isEmpty()) {
            return List.of();
        }
        try {
            MailAddress sender = mail.getMaybeSender().get();
            DsnRequest.Builder request = DsnRequest.builder(kind)
                .reportingHost(reportingHost)
                .envelopeSender(sender.asString())
                .arrival(arrival)
                .recipients(named)
                .originalHeaders(headersOf(mail.getMessage()));
            dsn.flatMap(DsnParameters::getEnvIdParameter).ifPresent(id -> request.envelopeId(xtextDecoded(id.asString())));
            // RFC 3461 §4.3: a success DSN returns the headers only, whatever RET says.
            if (!kind.isSuccess()
                && dsn.flatMap(DsnParameters::getRetParameter).filter(ret -> ret == DsnParameters.Ret.FULL).isPresent()) {
                request.ret(DsnRequest.Return.FULL);
                fullText(mail.getMessage()).ifPresent(request::originalMessage);
            }
            willRetryUntil.ifPresent(request::willRetryUntil);
            String id = UUID.randomUUID().toString();
            String text = composer.compose(request.build(), clock.instant(), ZoneId.systemDefault(),
                id + "@" + reportingHost, "postino-" + id);
            MimeMessage message = new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
            MailImpl report = MailImpl.builder()
                .name("postino-dsn-" + id)
                .sender(MaybeSender.nullSender())
                .addRecipient(sender)
                .mimeMessage(message)
                .build();
            PostinoAttributes.setFlag(report, PostinoAttributes.IS_DSN);
            context.sendMail(report);
            List<String> recipients = new ArrayList<>();
            named.forEach(r -> recipients.add(r.finalRecipient()));
            LOGGER.info("mail={} sent {} DSN to {} for {}", mail.getName(), kind, sender.asString(), recipients);
            return recipients;
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("cannot send the " + kind + " DSN of mail " + mail.getName(), e);
        }
    }

    /**
     * Whether the client asked for a success notice for this recipient (RFC 3461 §4.1
     * {@code NOTIFY=SUCCESS}): a look at the mail's DSN parameters, nothing more, so mail without
     * them costs no further work. The null sender, spam and DSNs are still refused by {@link #send}.
     */
    public static boolean successRequested(Mail mail, String recipient) {
        return recipientParameters(mail.dsnParameters(), recipient)
            .flatMap(DsnParameters.RecipientDsnParameters::getNotifyParameter)
            .filter(notify -> notify.contains(DsnParameters.Notify.SUCCESS))
            .isPresent();
    }

    private static Optional<DsnParameters.RecipientDsnParameters> recipientParameters(Optional<DsnParameters> dsn,
                                                                                     String recipient) {
        if (dsn.isEmpty()) {
            return Optional.empty();
        }
        for (var entry : dsn.get().getRcptParameters().entrySet()) {
            if (entry.getKey().asString().equalsIgnoreCase(recipient)) {
                return Optional.of(entry.getValue());
            }
        }
        return Optional.empty();
    }

    /**
     * James keeps ENVID and the ORCPT address as the client sent them, xtext-encoded (RFC 3461 §4);
     * the DSN gives the sender back the decoded value, as Postfix and sendmail do, so
     * {@code ENVID=QQ+2B314} is reported as {@code QQ+314}. A value that is not valid xtext (a
     * client that sent a bare {@code +}) or that decodes to anything but printable ASCII (a line
     * break would end the report's field; a space at either end would be lost to the field's
     * unfolding) is reported as received.
     */
    static String xtextDecoded(String xtext) {
        if (!DsnParameters.XText.isValid(xtext)) {
            return xtext;
        }
        String decoded = DsnParameters.XText.decode(xtext);
        boolean printable = decoded.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
        return printable && !decoded.isEmpty() && decoded.equals(decoded.trim()) ? decoded : xtext;
    }

    private static Set<Notify> toNotify(EnumSet<DsnParameters.Notify> notify) {
        Set<Notify> result = EnumSet.noneOf(Notify.class);
        for (DsnParameters.Notify value : notify) {
            result.add(Notify.valueOf(value.name().toUpperCase(Locale.ROOT)));
        }
        return result;
    }

    private static String headersOf(MimeMessage message) throws MessagingException {
        StringBuilder headers = new StringBuilder();
        for (String line : Collections.list(message.getAllHeaderLines())) {
            headers.append(line).append("\r\n");
        }
        return headers.toString();
    }

    /**
     * The whole message as text, when its bytes are UTF-8 (ASCII included). The report is written
     * as UTF-8, so other 8-bit bytes (an ISO-8859-1 body, say) would come back replaced by U+FFFD
     * under their own charset label: then empty, and only the headers are returned.
     */
    private static Optional<String> fullText(MimeMessage message) throws IOException, MessagingException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(out.toByteArray())).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
