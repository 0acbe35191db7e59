package dev.postino.smtp;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;

import org.apache.james.protocols.smtp.MailEnvelope;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.protocols.smtp.hook.MessageHook;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refuses, at the final dot, a message whose header section has more than
 * {@value #MAX_FIELDS} fields or more than {@value #MAX_BYTES} octets: {@code 552 5.3.4}, nothing
 * stored. javax.mail removes or replaces a header by walking every field, so each mailet that
 * edits headers (stripping forged {@code X-Spam-*}, writing {@code Authentication-Results}, signing)
 * costs fields × names: 40,000 distinct {@code X-Spam-N} fields in a 640 KB message held a spool
 * thread for half a minute. A real header section has a few dozen fields and a few KiB; 1000 fields
 * is mime4j's default limit, past which James's own DKIM verifier already gives up. Postfix bounds
 * the header the same way ({@code header_size_limit}), cutting instead of refusing.
 *
 * <p>Put it right after {@link RefuseLongLines}, before every hook that reads the message. No init
 * parameters.
 * <pre>{@code
 * <handler class="dev.postino.smtp.RefuseLargeHeaders"/>
 * }</pre>
 */
public class RefuseLargeHeaders implements MessageHook {
    /** Header fields a message may have. */
    static final int MAX_FIELDS = 1000;
    /** Octets its header section may have, line ends included. */
    static final int MAX_BYTES = 1024 * 1024;
    static final HookResult REFUSED = HookResult.builder().hookReturnCode(HookReturnCode.deny())
        .smtpReturnCode("552").smtpDescription("5.3.4 Message header too large").build();
    private static final Logger LOGGER = LoggerFactory.getLogger(RefuseLargeHeaders.class);

    @Override
    public HookResult onMessage(SMTPSession session, MailEnvelope mail) {
        String excess;
        try (InputStream in = new BufferedInputStream(mail.getMessageInputStream())) {
            excess = excess(in);
        } catch (IOException e) {
            // Not ours to judge: the hooks after this one read the same message and answer for it.
            LOGGER.warn("session={} header section not measured: {}", session.getSessionID(), e.toString());
            return HookResult.DECLINED;
        }
        if (excess == null) {
            return HookResult.DECLINED;
        }
        LOGGER.info("session={} remote={} refused a message whose header section has {}", session.getSessionID(),
            session.getRemoteAddress(), excess);
        return REFUSED;
    }

    /** What exceeds a limit ("more than 1000 fields"), or null; reads no further than the limits. */
    static String excess(InputStream in) throws IOException {
        int fields = 0;
        long bytes = 0;
        boolean lineStart = true;
        boolean lineEmpty = true;
        int b;
        while ((b = in.read()) >= 0) {
            bytes++;
            if (bytes > MAX_BYTES) {
                return "more than " + MAX_BYTES + " octets";
            }
            if (b == '\n') {
                if (lineEmpty) {
                    return null; // RFC 5322 §2.1: the empty line ends the header section
                }
                lineStart = true;
                lineEmpty = true;
                continue;
            }
            if (b == '\r') {
                continue;
            }
            if (lineStart && b != ' ' && b != '\t' && ++fields > MAX_FIELDS) {
                return "more than " + MAX_FIELDS + " fields"; // RFC 5322 §2.2.3: white space continues a field
            }
            lineStart = false;
            lineEmpty = false;
        }
        return null;
    }
}
