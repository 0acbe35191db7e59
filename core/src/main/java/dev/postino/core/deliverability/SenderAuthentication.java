package dev.postino.core.deliverability;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * SPF, DKIM and DMARC results of one inbound message, written as an RFC 8601
 * {@code Authentication-Results} header and carried to the spam check as a short text
 * ({@code spf=fail dkim=none dmarc=fail p=reject}).
 */
public final class SenderAuthentication {
    private final AuthResult spf;
    private final String spfIdentity;
    private final DkimVerdict dkim;
    private final DmarcVerdict dmarc;

    public SenderAuthentication(AuthResult spf, String spfIdentity, DkimVerdict dkim, DmarcVerdict dmarc) {
        this.spf = Objects.requireNonNull(spf);
        this.spfIdentity = spfIdentity == null ? "" : spfIdentity;
        this.dkim = Objects.requireNonNull(dkim);
        this.dmarc = Objects.requireNonNull(dmarc);
    }

    public AuthResult spf() {
        return spf;
    }

    public AuthResult dkim() {
        return dkim.result();
    }

    public AuthResult dmarc() {
        return dmarc.result();
    }

    /** The From domain's DMARC policy (none when it has none). */
    public String dmarcPolicy() {
        return dmarc.policy();
    }

    /**
     * The header value (RFC 8601 §2.2): {@code authserv-id; spf=… smtp.mailfrom=…; dkim=… header.d=…
     * header.s=…; dmarc=… (p=…) header.from=…}.
     */
    public String authenticationResults(String authservId) {
        StringBuilder value = new StringBuilder(authservId);
        value.append(";\r\n\tspf=").append(spf.word());
        if (!spfIdentity.isEmpty()) {
            value.append(spfIdentity.contains("@") ? " smtp.mailfrom=" : " smtp.helo=").append(spfIdentity);
        }
        if (dkim.result() == AuthResult.PASS) {
            for (DkimVerdict.Signer signer : dkim.signers()) {
                value.append(";\r\n\tdkim=pass header.d=").append(signer.domain()).append(" header.s=").append(signer.selector());
            }
        } else {
            value.append(";\r\n\tdkim=").append(dkim.result().word());
            if (!dkim.reason().isEmpty()) {
                value.append(" (").append(comment(dkim.reason())).append(')');
            }
        }
        value.append(";\r\n\tdmarc=").append(dmarc.result().word());
        if (dmarc.result() == AuthResult.PASS || dmarc.result() == AuthResult.FAIL) {
            value.append(" (p=").append(dmarc.policy()).append(')');
        }
        if (!dmarc.fromDomain().isEmpty()) {
            value.append(" header.from=").append(dmarc.fromDomain());
        }
        return value.toString();
    }

    /** RFC 5322 comments may not hold unbalanced parentheses or line breaks. */
    private static String comment(String text) {
        String flat = text.replaceAll("[\\r\\n()\\\\]", " ").trim();
        return flat.length() > 120 ? flat.substring(0, 120) : flat;
    }

    /** True when an Authentication-Results value names {@code authservId} as its author (RFC 8601 §5). */
    public static boolean claimsAuthservId(String headerValue, String authservId) {
        int end = headerValue.indexOf(';');
        String unfolded = (end < 0 ? headerValue : headerValue.substring(0, end)).replaceAll("\\s+", " ");
        String id = withoutComments(unfolded).trim();
        // An authserv-id may be followed by a version number (RFC 8601 §2.2).
        int space = id.indexOf(' ');
        return (space < 0 ? id : id.substring(0, space)).equalsIgnoreCase(authservId);
    }

    /**
     * Each "(...)" replaced by a space, in one pass: the sender writes this text, and a regular
     * expression retried from every '(' of a value with no ')' took minutes on a long header.
     */
    private static String withoutComments(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int pos = 0;
        while (pos < text.length()) {
            int open = text.indexOf('(', pos);
            int close = open < 0 ? -1 : text.indexOf(')', open + 1);
            if (close < 0) {
                break; // no comment closes after here: the rest stays as written
            }
            out.append(text, pos, open).append(' ');
            pos = close + 1;
        }
        return out.append(text, pos, text.length()).toString();
    }

    /** The short form carried on the mail for the spam check. */
    public String toText() {
        return "spf=" + spf.word() + " dkim=" + dkim.result().word() + " dmarc=" + dmarc.result().word()
            + " p=" + dmarc.policy();
    }

    /** The results of {@link #toText()}: spf, dkim, dmarc and p; empty for text that is not that form. */
    public static Optional<Map<String, String>> parseText(String text) {
        Map<String, String> values = new HashMap<>();
        for (String part : text.trim().split("\\s+")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                values.put(part.substring(0, eq).toLowerCase(Locale.ROOT), part.substring(eq + 1).toLowerCase(Locale.ROOT));
            }
        }
        if (!values.keySet().containsAll(java.util.Set.of("spf", "dkim", "dmarc", "p"))) {
            return Optional.empty();
        }
        return Optional.of(values);
    }
}
