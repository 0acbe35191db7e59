package dev.postino.core.spam.mime;

import java.io.ByteArrayOutputStream;
import java.util.Locale;

/**
 * Undoes a {@code Content-Transfer-Encoding} (RFC 2045 §6). Lenient on purpose: spam is often
 * mis-encoded, and a reader that gives up on a bad character sees nothing of what follows.
 */
public final class TransferDecoding {
    private static final byte[] BASE64_VALUES = new byte[128];

    static {
        java.util.Arrays.fill(BASE64_VALUES, (byte) -1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int i = 0; i < alphabet.length(); i++) {
            BASE64_VALUES[alphabet.charAt(i)] = (byte) i;
        }
    }

    private TransferDecoding() {
    }

    /** Decodes {@code body} as {@code encoding}; 7bit, 8bit, binary and unknown pass through. */
    public static byte[] decode(String encoding, byte[] body) {
        String name = encoding == null ? "" : encoding.trim().toLowerCase(Locale.ROOT);
        if (name.equals("base64")) {
            return base64(body);
        }
        if (name.equals("quoted-printable")) {
            return quotedPrintable(body);
        }
        return body;
    }

    /** RFC 2045 §6.8: characters outside the alphabet are ignored; '=' ends the data. */
    public static byte[] base64(byte[] in) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length * 3 / 4 + 3);
        int buffer = 0;
        int bits = 0;
        for (byte b : in) {
            if (b == '=') {
                break;
            }
            int v = b >= 0 ? BASE64_VALUES[b] : -1;
            if (v < 0) {
                continue;
            }
            buffer = (buffer << 6) | v;
            bits += 6;
            if (bits >= 8) {
                bits -= 8;
                out.write((buffer >> bits) & 0xFF);
            }
        }
        return out.toByteArray();
    }

    /**
     * RFC 2045 §6.7: {@code =XX} is a byte, {@code =} at the end of a line is a soft break. A
     * malformed escape is kept literally (rule 1's "robust implementation" advice).
     */
    public static byte[] quotedPrintable(byte[] in) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
        int i = 0;
        while (i < in.length) {
            byte b = in[i];
            if (b != '=') {
                out.write(b);
                i++;
                continue;
            }
            int hi = i + 1 < in.length ? hexValue(in[i + 1]) : -1;
            int lo = i + 2 < in.length ? hexValue(in[i + 2]) : -1;
            if (hi >= 0 && lo >= 0) {
                out.write(hi * 16 + lo);
                i += 3;
                continue;
            }
            int j = i + 1;
            while (j < in.length && (in[j] == ' ' || in[j] == '\t')) {
                j++;
            }
            if (j < in.length && in[j] == '\r') {
                j++;
            }
            if (j >= in.length || in[j] == '\n') {
                i = j + 1; // soft line break, trailing whitespace dropped
            } else {
                out.write(b);
                i++;
            }
        }
        return out.toByteArray();
    }

    static int hexValue(int c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return -1;
    }
}
