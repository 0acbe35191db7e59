package dev.postino.deliverability;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.james.jdkim.DKIMVerifier;
import org.apache.james.jdkim.api.PublicKeyRecordRetriever;
import org.apache.james.jdkim.api.SignatureRecord;
import org.apache.james.jdkim.exceptions.FailException;
import org.apache.james.jdkim.exceptions.PermFailException;
import org.apache.james.jdkim.exceptions.TempFailException;
import org.apache.james.jspf.core.DNSService;
import org.apache.james.jspf.core.MacroExpand;
import org.apache.james.jspf.core.MacroExpandEnabled;
import org.apache.james.jspf.core.SPFCheckEnabled;
import org.apache.james.jspf.core.DNSServiceEnabled;
import org.apache.james.jspf.executor.SPFResult;
import org.apache.james.jspf.executor.SynchronousSPFExecutor;
import org.apache.james.jspf.impl.DNSServiceXBillImpl;
import org.apache.james.jspf.impl.DefaultTermsFactory;
import org.apache.james.jspf.impl.SPF;
import org.apache.james.jspf.parser.RFC4408SPF1Parser;
import org.apache.james.jspf.wiring.WiringServiceTable;
import org.apache.james.server.core.MimeMessageInputStream;

import dev.postino.core.deliverability.AuthResult;
import dev.postino.core.deliverability.DkimVerdict;
import dev.postino.core.deliverability.DmarcEvaluation;
import dev.postino.core.deliverability.DmarcVerdict;
import dev.postino.core.deliverability.SenderAuthentication;

/**
 * Measures SPF (Apache jSPF, RFC 7208), DKIM (Apache jDKIM, RFC 6376) and DMARC (core
 * {@link DmarcEvaluation}, RFC 7489) of one inbound message, all DNS through one
 * {@link TxtResolver}. Thread-safe: jSPF runs synchronously, jDKIM verifiers are made per message.
 */
public final class SenderVerifier {
    /**
     * Signatures whose keys are looked up per message; the others are not verified (RFC 6376
     * §6.1: a verifier may limit them). Each names a domain of the sender's choosing, whose DNS
     * may be slow on purpose. OpenDKIM's {@code MaximumSignaturesToVerify} defaults to 3; real
     * mail carries one to three (author, list, sending service).
     */
    static final int MAX_SIGNATURES_VERIFIED = 5;

    private final TxtResolver dns;
    private final SPF spf;
    private final DmarcEvaluation dmarc = new DmarcEvaluation(OrganizationalDomains::of);

    public SenderVerifier(TxtResolver dns) {
        this.dns = dns;
        this.spf = spf(new DNSServiceXBillImpl(dns.resolver()));
    }

    /** Wired as James's SPF mailet wires jSPF, with the synchronous executor. */
    private static SPF spf(DNSService probe) {
        WiringServiceTable wiring = new WiringServiceTable();
        wiring.put(DNSServiceEnabled.class, probe);
        MacroExpand macroExpand = new MacroExpand(probe);
        wiring.put(MacroExpandEnabled.class, macroExpand);
        RFC4408SPF1Parser parser = new RFC4408SPF1Parser(new DefaultTermsFactory(wiring));
        SPF spf = new SPF(probe, parser, macroExpand, new SynchronousSPFExecutor(probe));
        wiring.put(SPFCheckEnabled.class, spf);
        return spf;
    }

    /**
     * @param remoteIp the SMTP client's address
     * @param mailFrom the envelope sender, empty for {@code <>}
     * @param helo the name the client gave in HELO/EHLO
     */
    public SenderAuthentication verify(MimeMessage message, String remoteIp, String mailFrom, String helo,
                                       Optional<String> fromDomain) throws MessagingException {
        AuthResult spfResult = spf(remoteIp, mailFrom, helo);
        String spfIdentity = mailFrom.isEmpty() ? helo : mailFrom;
        String spfDomain = spfIdentity.substring(spfIdentity.lastIndexOf('@') + 1);
        DkimVerdict dkim = dkim(message);
        DmarcVerdict verdict = dmarc.evaluate(fromDomain, spfResult, spfDomain, dkim, dns::txt);
        return new SenderAuthentication(spfResult, spfIdentity, dkim, verdict);
    }

    private AuthResult spf(String remoteIp, String mailFrom, String helo) {
        SPFResult result = spf.checkSPF(remoteIp, mailFrom, helo);
        String word = result.getResult();
        // jSPF names temperror "error" and permerror "unknown" (RFC 4408 wording).
        if ("error".equalsIgnoreCase(word)) {
            return AuthResult.TEMPERROR;
        }
        if ("unknown".equalsIgnoreCase(word)) {
            return AuthResult.PERMERROR;
        }
        return AuthResult.ofWord(word);
    }

    private DkimVerdict dkim(MimeMessage message) throws MessagingException {
        // Streamed, never copied whole: a 25 MB message copied into a byte array (and that array
        // copied again) cost 6.6 times its size on each of the spool threads verifying at once.
        // James keeps received mail with CRLF line ends (it refuses a bare LF in DATA), as DKIM
        // canonicalization needs them.
        try (InputStream in = new MimeMessageInputStream(message)) {
            List<SignatureRecord> verified = new DKIMVerifier(new KeyLookupBudget(dns)).verify(in);
            if (verified == null || verified.isEmpty()) {
                return DkimVerdict.none();
            }
            List<DkimVerdict.Signer> signers = new ArrayList<>();
            for (SignatureRecord record : verified) {
                signers.add(new DkimVerdict.Signer(record.getDToken().toString(), record.getSelector().toString()));
            }
            return DkimVerdict.pass(signers);
        } catch (TempFailException e) {
            return DkimVerdict.failed(AuthResult.TEMPERROR, e.getMessage());
        } catch (FailException e) {
            return DkimVerdict.failed(AuthResult.FAIL, e.getMessage());
        } catch (IOException e) {
            throw new MessagingException("cannot read the message for DKIM: " + e.getMessage(), e);
        }
    }

    /** The key lookups of one message, at most {@link #MAX_SIGNATURES_VERIFIED}; later signatures fail unverified. */
    private static final class KeyLookupBudget implements PublicKeyRecordRetriever {
        private final PublicKeyRecordRetriever keys;
        private int lookups;

        KeyLookupBudget(PublicKeyRecordRetriever keys) {
            this.keys = keys;
        }

        @Override
        public List<String> getRecords(CharSequence methodAndOptions, CharSequence selector, CharSequence token)
            throws TempFailException, PermFailException {
            if (++lookups > MAX_SIGNATURES_VERIFIED) {
                throw new PermFailException("not verified: more than " + MAX_SIGNATURES_VERIFIED + " signatures");
            }
            return keys.getRecords(methodAndOptions, selector, token);
        }
    }
}
