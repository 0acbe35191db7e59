package dev.postino.deliverability;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;

import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.james.jdkim.DKIMSigner;
import org.apache.james.jdkim.exceptions.FailException;
import org.apache.james.jdkim.mailets.CRLFOutputStream;

/**
 * Signs a message with Apache jDKIM (as James's {@code DKIMSign} does, but with a key per domain):
 * {@code rsa-sha256}, relaxed/relaxed canonicalization (survives the re-folding relays do), the
 * header fields receivers look at. The message is saved first, so the header javax.mail writes
 * when the message is sent is the header that was signed; a message whose Content-Type or multipart
 * structure javax.mail cannot parse is signed as it is ({@link HeaderEdits#save}).
 */
public final class DkimSigning {
    /** RFC 6376 §5.4.1's recommended set, as far as a message has them (absent ones sign as empty). */
    public static final String SIGNED_HEADERS = "from:to:cc:subject:date:message-id:reply-to:in-reply-to:references"
        + ":mime-version:content-type:content-transfer-encoding";

    private DkimSigning() {
    }

    /** The {@code DKIM-Signature: …} header line for the message, signed with the domain's key. */
    public static String signatureHeader(MimeMessage message, DkimKey key) throws MessagingException {
        // Saved without parsing what javax.mail cannot ('text/plain; charset', a boundary missing from the
        // body): DKIM signs the header and body bytes as they leave (RFC 6376 §3.7), no MIME parse needed.
        HeaderEdits.save(message);
        String template = "v=1; a=rsa-sha256; c=relaxed/relaxed; d=" + key.domain() + "; s=" + key.selector()
            + "; h=" + SIGNED_HEADERS + "; bh=; b=;";
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream crlf = new CRLFOutputStream(bytes)) {
            message.writeTo(crlf);
        } catch (IOException e) {
            throw new MessagingException("cannot read the message to sign: " + e.getMessage(), e);
        }
        try {
            return new DKIMSigner(template, key.privateKey()).sign(new ByteArrayInputStream(bytes.toByteArray()));
        } catch (IOException | FailException e) {
            throw new MessagingException("DKIM signing failed for d=" + key.domain() + ": " + e.getMessage(), e);
        }
    }
}
