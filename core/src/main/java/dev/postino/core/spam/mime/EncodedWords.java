package dev.postino.core.spam.mime;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Decodes RFC 2047 encoded words ({@code =?charset?B?...?=}) in unstructured header text. */
public final class EncodedWords {
    private EncodedWords() {
    }

    /**
     * Decodes every well-formed encoded word in {@code value}; malformed ones stay as written.
     * RFC 2047 §6.2: whitespace between two adjacent encoded words is dropped.
     *
     * <p>Linear in the length of {@code value}: a word's {@code =?charset?X?} opening is checked
     * before its closing {@code ?=} is looked for, so a header of many openings that never close
     * (a folded Subject can be as long as the message) is read once, not once per opening.
     */
    public static String decode(String value) {
        if (value == null || value.indexOf("=?") < 0) {
            return value == null ? "" : value;
        }
        StringBuilder out = new StringBuilder(value.length());
        int pos = 0;
        int from = 0;
        int lastWordEnd = -1;
        while (true) {
            int start = value.indexOf("=?", from);
            if (start < 0) {
                break;
            }
            int textStart = textStart(value, start);
            if (textStart < 0) {
                from = start + 2;
                continue;
            }
            int end = value.indexOf("?=", textStart);
            if (end < 0) {
                break; // nothing after this opening closes, so no later word can either
            }
            // textStart checked the opening: =?charset?B? or =?charset?Q?, so the word decodes.
            String decoded = decodeWord(value.substring(start + 2, textStart - 3),
                Character.toUpperCase(value.charAt(textStart - 2)), value.substring(textStart, end));
            String between = value.substring(pos, start);
            if (!(lastWordEnd == pos && between.trim().isEmpty())) {
                out.append(between);
            }
            out.append(decoded);
            pos = end + 2;
            from = pos;
            lastWordEnd = pos;
        }
        return out.append(value, pos, value.length()).toString();
    }

    /**
     * Where the encoded text of the word opening at {@code start} begins, just after
     * {@code =?charset?B?} or {@code =?charset?Q?} (charset not empty); -1 when it is not such an opening.
     */
    private static int textStart(String value, int start) {
        int q1 = value.indexOf('?', start + 2);
        if (q1 <= start + 2 || q1 + 2 >= value.length() || value.charAt(q1 + 2) != '?') {
            return -1;
        }
        char encoding = Character.toUpperCase(value.charAt(q1 + 1));
        return encoding == 'B' || encoding == 'Q' ? q1 + 3 : -1;
    }

    private static String decodeWord(String charsetName, char encoding, String encodedText) {
        String charset = charsetName;
        int star = charset.indexOf('*'); // RFC 2231 §5 language suffix
        if (star >= 0) {
            charset = charset.substring(0, star);
        }
        byte[] text = encodedText.getBytes(StandardCharsets.ISO_8859_1);
        byte[] bytes = encoding == 'B' ? TransferDecoding.base64(text) : qDecode(text);
        return CharsetLookup.decode(bytes, CharsetLookup.forName(charset.toLowerCase(Locale.ROOT)));
    }

    /** RFC 2047 §4.2: like quoted-printable, and '_' stands for a space. */
    private static byte[] qDecode(byte[] in) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
        for (int i = 0; i < in.length; i++) {
            byte b = in[i];
            if (b == '_') {
                out.write(' ');
            } else if (b == '=' && i + 2 < in.length
                && TransferDecoding.hexValue(in[i + 1]) >= 0 && TransferDecoding.hexValue(in[i + 2]) >= 0) {
                out.write(TransferDecoding.hexValue(in[i + 1]) * 16 + TransferDecoding.hexValue(in[i + 2]));
                i += 2;
            } else {
                out.write(b);
            }
        }
        return out.toByteArray();
    }
}
