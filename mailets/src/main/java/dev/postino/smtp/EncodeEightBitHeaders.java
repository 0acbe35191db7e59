package dev.postino.smtp;

import java.io.UnsupportedEncodingException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import javax.mail.Header;
import javax.mail.MessagingException;
import javax.mail.internet.AddressException;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeMessage;
import javax.mail.internet.MimeUtility;

import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.smtpserver.JamesMessageHook;
import org.apache.mailet.Mail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.postino.core.smtp.RawHeaderText;

/**
 * Keeps what a sender wrote in 8-bit header octets sent without SMTPUTF8 (RFC 6532 allows them
 * only with it, and James 3.8.1 does not offer it): at the end of DATA, before the mail is
 * queued, re-encodes them as RFC 2047 encoded-words, UTF-8 when the octets are valid UTF-8, else
 * windows-1252 ({@link RawHeaderText}). Without it every such octet becomes {@code ?} in the
 * mailbox: James writes a header section back as US-ASCII whenever it copies a message — the
 * memory mail queue does so for every mail it takes ({@code MemoryMailQueueFactory.cloneMail},
 * {@code MimeMessageUtil.writeTo} → {@code InternetHeadersInputStream}), other paths once a
 * mailet changed a header; and a relayed message would carry 8-bit headers to a peer that did
 * not agree to them.
 *
 * <p>Unstructured fields (Subject, Comments, X-… and others) get each run of non-ASCII words
 * encoded; address fields (From, To, Cc, Reply-To, Sender, Resent-…) get their display names
 * encoded and their addresses kept. Other structured fields (Received, Content-*, Message-ID,
 * DKIM-Signature, …) have no place for an encoded-word and are left as they are, as is an
 * address field whose address itself is 8-bit. A DKIM signature over such a field no longer
 * verifies; it was over octets the message had no right to carry.
 *
 * <p>Put it before {@code CoreCmdHandlerLoader}, whose hook queues the mail. No init parameters.
 * <pre>{@code
 * <handler class="dev.postino.smtp.EncodeEightBitHeaders"/>
 * }</pre>
 */
public class EncodeEightBitHeaders implements JamesMessageHook {
    private static final Logger LOGGER = LoggerFactory.getLogger(EncodeEightBitHeaders.class);
    private static final String UTF_8 = "UTF-8";
    private static final Set<String> ADDRESS_FIELDS = Set.of("from", "to", "cc", "bcc", "reply-to", "sender",
        "resent-from", "resent-to", "resent-cc", "resent-bcc", "resent-sender", "disposition-notification-to");
    private static final Set<String> OTHER_STRUCTURED = Set.of("received", "return-path", "message-id", "in-reply-to",
        "references", "resent-message-id", "date", "resent-date", "mime-version", "dkim-signature",
        "authentication-results", "received-spf", "arc-seal", "arc-message-signature", "arc-authentication-results",
        "list-id", "list-unsubscribe", "list-post", "list-help", "list-subscribe", "list-owner", "list-archive");

    @Override
    public HookResult onMessage(SMTPSession session, Mail mail) {
        try {
            List<String> encoded = encode(mail.getMessage());
            if (!encoded.isEmpty()) {
                LOGGER.info("session={} mail={} re-encoded 8-bit headers {} as RFC 2047 encoded-words",
                    session.getSessionID(), mail.getName(), encoded);
            }
        } catch (MessagingException | RuntimeException e) {
            // Deliberately not a refusal: the message goes on as James would have taken it.
            LOGGER.warn("session={} mail={} 8-bit headers left as they are: {}", session.getSessionID(), mail.getName(), e.toString());
        }
        return HookResult.DECLINED;
    }

    /** Re-encodes the 8-bit header fields of {@code message} in place; returns the names of those changed. */
    static List<String> encode(MimeMessage message) throws MessagingException {
        Map<String, List<String>> byName = new LinkedHashMap<>();
        boolean eightBit = false;
        for (Header header : Collections.list(message.getAllHeaders())) {
            eightBit |= !RawHeaderText.isAscii(header.getValue());
            byName.computeIfAbsent(header.getName(), name -> new ArrayList<>()).add(header.getValue());
        }
        List<String> encoded = new ArrayList<>();
        if (!eightBit) {
            return encoded;
        }
        for (Map.Entry<String, List<String>> field : byName.entrySet()) {
            List<String> values = reencoded(field.getKey(), field.getValue());
            if (values.equals(field.getValue())) {
                continue;
            }
            message.setHeader(field.getKey(), values.get(0));
            for (String value : values.subList(1, values.size())) {
                message.addHeader(field.getKey(), value);
            }
            encoded.add(field.getKey());
        }
        // No saveChanges(): it would also add a Message-ID of javax.mail's making (CompleteSubmission adds ours).
        return encoded;
    }

    private static List<String> reencoded(String name, List<String> values) {
        List<String> result = new ArrayList<>(values.size());
        for (String value : values) {
            result.add(RawHeaderText.isAscii(value) ? value : reencoded(name, value));
        }
        return result;
    }

    private static String reencoded(String name, String raw) {
        String field = name.toLowerCase(Locale.ROOT);
        if (OTHER_STRUCTURED.contains(field) || field.startsWith("content-")) {
            return raw;
        }
        String text = MimeUtility.unfold(RawHeaderText.decode(raw));
        try {
            String value = ADDRESS_FIELDS.contains(field) ? addresses(text, raw) : unstructured(text);
            return MimeUtility.fold(name.length() + 2, value);
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException("the JVM lacks UTF-8", e);
        }
    }

    /** RFC 2047 §5(1): encoded-words replace runs of words; the ASCII words around them stay readable. */
    static String unstructured(String text) throws UnsupportedEncodingException {
        StringBuilder out = new StringBuilder();
        String[] words = text.split(" ", -1);
        int i = 0;
        while (i < words.length) {
            if (RawHeaderText.isAscii(words[i])) {
                out.append(words[i++]);
            } else {
                // Encode the whole run, spaces included: the space between two encoded-words is dropped by readers.
                StringBuilder run = new StringBuilder(words[i++]);
                while (i < words.length && !RawHeaderText.isAscii(words[i])) {
                    run.append(' ').append(words[i++]);
                }
                out.append(MimeUtility.encodeWord(run.toString(), UTF_8, null));
            }
            if (i < words.length) {
                out.append(' ');
            }
        }
        return out.toString();
    }

    /** RFC 2047 §5(3): only the display name (a phrase) may be encoded; the address stays as it is. */
    private static String addresses(String text, String raw) throws UnsupportedEncodingException {
        try {
            InternetAddress[] parsed = InternetAddress.parseHeader(text, false);
            for (int i = 0; i < parsed.length; i++) {
                if (!RawHeaderText.isAscii(parsed[i].getAddress())) {
                    return raw; // an 8-bit address needs SMTPUTF8; nothing to encode it with
                }
                String personal = parsed[i].getPersonal();
                if (personal != null) {
                    parsed[i] = new InternetAddress(parsed[i].getAddress(), personal, UTF_8);
                }
            }
            return InternetAddress.toString(parsed);
        } catch (AddressException unparsable) {
            return raw;
        }
    }
}
