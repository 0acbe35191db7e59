package dev.postino.core.smtp;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * What a sender meant by the raw 8-bit octets of a header received without SMTPUTF8 (RFC 6532
 * allows them only with it). UTF-8 when the octets are valid UTF-8 — what today's clients
 * write — else windows-1252, the superset of ISO-8859-1 that older clients and most of the web
 * actually mean by "Latin-1" (as the WHATWG Encoding standard decides for {@code iso-8859-1}).
 */
public final class RawHeaderText {
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private RawHeaderText() {
    }

    /** True when every char is 7-bit: nothing to decide. */
    public static boolean isAscii(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) > 0x7F) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code latin1} holds one octet per char (how javax.mail reads header lines without
     * {@code mail.mime.allowutf8}); a char above 0xFF means the text was already decoded and is
     * returned as it is.
     */
    public static String decode(String latin1) {
        byte[] octets = new byte[latin1.length()];
        for (int i = 0; i < latin1.length(); i++) {
            char c = latin1.charAt(i);
            if (c > 0xFF) {
                return latin1;
            }
            octets[i] = (byte) c;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(octets)).toString();
        } catch (CharacterCodingException notUtf8) {
            return new String(octets, WINDOWS_1252);
        }
    }
}
