package dev.postino.core.deliverability;

import java.util.Locale;

/** The result words of RFC 8601 §2.7 that SPF, DKIM and DMARC share (SPF adds softfail and neutral). */
public enum AuthResult {
    PASS, FAIL, SOFTFAIL, NEUTRAL, NONE, TEMPERROR, PERMERROR;

    /** As written in Authentication-Results: lower case. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The word back; anything unknown is {@link #PERMERROR} on purpose (never mistaken for pass). */
    public static AuthResult ofWord(String word) {
        for (AuthResult result : values()) {
            if (result.word().equalsIgnoreCase(word == null ? "" : word.trim())) {
                return result;
            }
        }
        return PERMERROR;
    }
}
