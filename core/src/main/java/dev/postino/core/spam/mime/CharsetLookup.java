package dev.postino.core.spam.mime;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Finds a {@link Charset} by its MIME name and decodes bytes with it, never failing. */
public final class CharsetLookup {
    private CharsetLookup() {
    }

    /**
     * The named charset, or ISO-8859-1 when the name is missing, malformed or unknown: every
     * byte maps to some character, so the words in ASCII still come through.
     */
    public static Charset forName(String name) {
        if (name == null) {
            return StandardCharsets.ISO_8859_1;
        }
        String cleaned = name.trim().toLowerCase(Locale.ROOT);
        if (cleaned.startsWith("3d")) {
            cleaned = cleaned.substring(2); // "charset=3Dwindows-1252", a double-encoded '='
        }
        if (cleaned.equals("us-ascii") || cleaned.equals("ascii")) {
            // Mislabelled 8-bit text is common; Latin-1 keeps every byte while ASCII would drop them.
            return StandardCharsets.ISO_8859_1;
        }
        try {
            return Charset.forName(cleaned);
        } catch (RuntimeException e) { // IllegalCharsetNameException, UnsupportedCharsetException
            return StandardCharsets.ISO_8859_1;
        }
    }

    /** Decodes with malformed input replaced, never throwing. */
    public static String decode(byte[] bytes, Charset charset) {
        return new String(bytes, charset);
    }

    /**
     * Text whose charset nobody declared (raw 8-bit headers, unlabelled parts): UTF-8 when the
     * bytes are valid UTF-8, otherwise windows-1252, the usual superset of Latin-1 in mail.
     */
    public static String decodeUndeclared(byte[] bytes) {
        boolean ascii = true;
        for (byte b : bytes) {
            if (b < 0) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, forName("windows-1252"));
        }
    }
}
